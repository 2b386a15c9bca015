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

const NEWLINE = 0x0a;

/**
 * How many bytes of `chunk` go to a file of `size` bytes before it rotates, so that no line is torn
 * between two files: all of it when the file stays under `maxbytes`; else up to the first newline
 * at or past the limit, or failing that the last one before it; all of it when the chunk has no
 * newline (a line longer than a read cannot be kept whole). Only a write that reaches the limit
 * looks at the bytes.
 *
 * @example
 * ```ts
 * import { rotationCut } from "./rotation_plan.ts";
 * import assert from "node:assert/strict";
 * const chunk = new TextEncoder().encode("aa\nbb\ncc\n");
 * assert.equal(rotationCut(chunk, 0, 100), 9); // stays under the limit
 * assert.equal(rotationCut(chunk, 0, 4), 6); // the newline ending "bb" reaches the limit
 * assert.equal(rotationCut(chunk.subarray(0, 8), 0, 8), 6); // "cc" is unfinished: cut before it
 * ```
 */
export function rotationCut(chunk: Uint8Array, size: number, maxbytes: number): number {
  if (!rotationDue(size + chunk.length, maxbytes)) return chunk.length;
  const reach = Math.max(0, maxbytes - size - 1);
  const after = chunk.indexOf(NEWLINE, reach);
  if (after >= 0) return after + 1;
  const before = chunk.lastIndexOf(NEWLINE, reach);
  return before >= 0 ? before + 1 : chunk.length;
}

/**
 * The steps of one rotation of `path` keeping `backups` old files, in supervisor's order: `.N-1` to
 * `.N` down to `.1` to `.2`, then the base file to `.1`, then the base file opened empty. With
 * backups 0 the base file is only truncated. A rename replaces its target. `present`, when known,
 * is the highest backup that can exist: renames of higher ones (which would fail, each a costly
 * error) are left out.
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
 * assert.deepEqual(rotationPlan("a.log", 9, 0), [
 *   { kind: "rename", from: "a.log", to: "a.log.1" },
 *   { kind: "truncate", path: "a.log" },
 * ]);
 * ```
 */
export function rotationPlan(path: string, backups: number, present = backups): RotationStep[] {
  const steps: RotationStep[] = [];
  if (backups > 0) {
    for (let i = Math.min(backups - 1, present); i > 0; i--) {
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
