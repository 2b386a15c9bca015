/** The soft and hard limits of open files and processes, read from /proc/self/limits. */

/** A resource limit pair; null means unlimited. */
export interface Limit {
  /** The soft limit (what the process may use now). */
  soft: number | null;
  /** The hard limit (how far the soft one could be raised). */
  hard: number | null;
}

/** The limits the check looks at. */
export interface ProcessLimits {
  /** RLIMIT_NOFILE. */
  openFiles: Limit;
  /** RLIMIT_NPROC. */
  processes: Limit;
}

/**
 * Parses /proc/self/limits text (`Max open files  1024  4096  files`); unknown rows are unlimited.
 *
 * @example
 * ```ts
 * import { parseLimits } from "./rlimits.ts";
 * import assert from "node:assert/strict";
 * const text = "Limit  Soft Limit  Hard Limit  Units\nMax processes  unlimited  unlimited  processes\n" +
 *   "Max open files  1024  4096  files\n";
 * assert.deepEqual(parseLimits(text), {
 *   openFiles: { soft: 1024, hard: 4096 },
 *   processes: { soft: null, hard: null },
 * });
 * ```
 */
export function parseLimits(text: string): ProcessLimits {
  const row = (name: string) => {
    const m = new RegExp(`^${name}\\s+(\\S+)\\s+(\\S+)`, "m").exec(text);
    const value = (
      v: string | undefined,
    ) => (v === undefined || v === "unlimited" ? null : Number(v));
    return { soft: value(m?.[1]), hard: value(m?.[2]) };
  };
  return { openFiles: row("Max open files"), processes: row("Max processes") };
}

/** This process's limits (unlimited where /proc cannot be read). */
export function readLimits(): ProcessLimits {
  try {
    return parseLimits(Deno.readTextFileSync("/proc/self/limits"));
  } catch {
    return parseLimits("");
  }
}
