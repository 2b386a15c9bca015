/** reloadConfig's diff: which groups were added, changed or removed (supervisor's `diff_to_active`). */

import type { GroupConfig, ProcessConfig } from "../config/model.ts";
import type { ConfigDiff } from "../protocol/types.ts";

/**
 * Diffs the newly read groups against the active ones by name: added (in the new order), changed
 * (in the new order), removed (in the active order). A group is changed when its priority or any
 * of its processes differ; an AUTO log target compares equal to anything, as in supervisor.
 */
export function diffGroups(
  active: readonly GroupConfig[],
  next: readonly GroupConfig[],
): ConfigDiff {
  const cur = new Map(active.map((g) => [g.name, g]));
  const nxt = new Map(next.map((g) => [g.name, g]));
  return {
    added: next.filter((g) => !cur.has(g.name)).map((g) => g.name),
    changed: next.filter((g) => {
      const old = cur.get(g.name);
      return old !== undefined && !sameGroup(old, g);
    }).map((g) => g.name),
    removed: active.filter((g) => !nxt.has(g.name)).map((g) => g.name),
  };
}

/** Whether two group configs are equal in supervisor's sense. */
export function sameGroup(a: GroupConfig, b: GroupConfig): boolean {
  if (a.name !== b.name || a.priority !== b.priority) return false;
  if (a.processes.length !== b.processes.length) return false;
  return a.processes.every((p, i) => {
    const q = b.processes[i];
    return q !== undefined && sameProcess(p, q);
  });
}

function sameProcess(a: ProcessConfig, b: ProcessConfig): boolean {
  const strip = (p: ProcessConfig, other: ProcessConfig) => ({
    ...p,
    stdout: {
      ...p.stdout,
      logfile: p.stdout.logfile.kind === "auto" || other.stdout.logfile.kind === "auto"
        ? null
        : p.stdout.logfile,
    },
    stderr: {
      ...p.stderr,
      logfile: p.stderr.logfile.kind === "auto" || other.stderr.logfile.kind === "auto"
        ? null
        : p.stderr.logfile,
    },
  });
  return deepEqual(strip(a, b), strip(b, a));
}

/** Structural equality of plain data (objects, arrays, primitives). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  );
}
