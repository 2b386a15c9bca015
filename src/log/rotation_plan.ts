/** Supervisor's rotation arithmetic as pure data: when a log file rotates, and the renames that make it so. */

/** One file-system step of a rotation, applied in order; a rename whose source is missing is skipped. */
export type RotationStep =
  | { kind: "rename"; from: string; to: string }
  | { kind: "truncate"; path: string };

/**
 * Whether a file of `size` bytes must rotate now (checked after every write); maxbytes 0 never rotates.
 *
 * @example
 * ```ts
 * import { rotationDue } from "./rotation_plan.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rotationDue(1024, 1024), true);
 * assert.equal(rotationDue(1023, 1024), false);
 * assert.equal(rotationDue(1 << 30, 0), false);
 * ```
 */
export function rotationDue(size: number, maxbytes: number): boolean {
  return maxbytes > 0 && size >= maxbytes;
}

/**
 * The steps of one rotation of `path` keeping `backups` old files, in supervisor's order: `.N-1` to
 * `.N` down to `.1` to `.2`, then the base file to `.1`, then the base file opened empty. With
 * backups 0 the base file is only truncated. A rename replaces its target.
 *
 * @example
 * ```ts
 * import { rotationPlan } from "./rotation_plan.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(rotationPlan("a.log", 2), [
 *   { kind: "rename", from: "a.log.1", to: "a.log.2" },
 *   { kind: "rename", from: "a.log", to: "a.log.1" },
 *   { kind: "truncate", path: "a.log" },
 * ]);
 * assert.deepEqual(rotationPlan("a.log", 0), [{ kind: "truncate", path: "a.log" }]);
 * ```
 */
export function rotationPlan(path: string, backups: number): RotationStep[] {
  const steps: RotationStep[] = [];
  if (backups > 0) {
    for (let i = backups - 1; i > 0; i--) {
      steps.push({ kind: "rename", from: backupPath(path, i), to: backupPath(path, i + 1) });
    }
    steps.push({ kind: "rename", from: path, to: backupPath(path, 1) });
  }
  steps.push({ kind: "truncate", path });
  return steps;
}

/** The name of the `n`th rotated file of `path` (`path.n`). */
export function backupPath(path: string, n: number): string {
  return `${path}.${n}`;
}
