/** The soft and hard limits of open files and processes: read from /proc/self/limits, set through libc. */

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

/** The RLIMIT_* numbers of Linux (the same on x86_64 and aarch64). */
const RESOURCE = { NOFILE: 7, NPROC: 6 } as const;
const INFINITY = 0xffff_ffff_ffff_ffffn;

/**
 * setrlimit(2) through libc (Deno has no binding): sets the soft and hard limit (null: unlimited).
 * Throws when the OS refuses (a hard limit raised without CAP_SYS_RESOURCE).
 */
export function setLimit(resource: keyof typeof RESOURCE, soft: number, hard: number | null): void {
  const libc = Deno.dlopen("libc.so.6", {
    setrlimit: { parameters: ["i32", "buffer"], result: "i32" },
  });
  try {
    const pair = new BigUint64Array([BigInt(soft), hard === null ? INFINITY : BigInt(hard)]);
    if (libc.symbols.setrlimit(RESOURCE[resource], pair) !== 0) {
      throw new Error(`setrlimit RLIMIT_${resource} (${soft}, ${hard ?? "unlimited"}) refused`);
    }
  } finally {
    libc.close();
  }
}
