/** `depends_on` across programs: unknown names and cycles are config errors; the start order respects it (pure). */

import type { GroupConfig, ProcessConfig } from "./model.ts";
import type { Problems } from "./problems.ts";
import { didYouMean } from "./did_you_mean.ts";
import { q } from "./value_types.ts";

/** Records an error at `depends_on` for each unknown program, self-dependency and cycle. */
export function checkDependencies(groups: readonly GroupConfig[], problems: Problems): void {
  const programs = programMap(groups);
  const names = [...programs.keys()];
  for (const [name, p] of programs) {
    for (const d of p.dependsOn ?? []) {
      if (d.program === name) {
        problems.error(p.dependsOnAt ?? {}, `${q(name)} cannot depend on itself`);
      } else if (!programs.has(d.program)) {
        const guess = didYouMean(d.program, names);
        problems.error(
          p.dependsOnAt ?? {},
          `no program named ${q(d.program)}${guess === null ? "" : `; did you mean ${q(guess)}`}`,
        );
      }
    }
  }
  const cycle = findCycle(programs);
  if (cycle !== null) {
    const first = programs.get(cycle[0] ?? "");
    problems.error(first?.dependsOnAt ?? {}, `dependency cycle: ${cycle.join(" -> ")}`);
  }
}

/** The first process of each program (every member shares the section's options), by program name. */
export function programMap(groups: readonly GroupConfig[]): Map<string, ProcessConfig> {
  const out = new Map<string, ProcessConfig>();
  for (const g of groups) {
    for (const p of g.processes) if (!out.has(p.program)) out.set(p.program, p);
  }
  return out;
}

/**
 * A cycle as `[a, b, a]`, or null when the graph has none (unknown names are skipped).
 *
 * @example
 * ```ts
 * import { findCycle } from "./dependency_graph.ts";
 * import assert from "node:assert/strict";
 * const p = (deps: string[]) => ({ dependsOn: deps.map((program) => ({ program, condition: "ready" as const })) });
 * const graph = new Map([["a", p(["b"])], ["b", p(["a"])]]);
 * assert.deepEqual(findCycle(graph), ["a", "b", "a"]);
 * ```
 */
export function findCycle(
  programs: ReadonlyMap<string, Pick<ProcessConfig, "dependsOn">>,
): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    if (done.has(name) || !programs.has(name)) return null;
    path.push(name);
    for (const d of programs.get(name)?.dependsOn ?? []) {
      if (d.program === name) continue;
      const found = visit(d.program);
      if (found !== null) return found;
    }
    path.pop();
    done.add(name);
    return null;
  };
  for (const name of [...programs.keys()].sort()) {
    const found = visit(name);
    if (found !== null) return found;
  }
  return null;
}
