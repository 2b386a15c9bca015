/** Linux's `/proc/PID/stat` line as data: the fields svisor needs to follow processes it did not spawn. */

/** One process as `/proc/PID/stat` describes it. */
export interface ProcStat {
  /** Process id. */
  pid: number;
  /** The command name (up to 15 bytes, as the kernel keeps it). */
  comm: string;
  /** State letter: R, S, D, Z (zombie), T, t, X, I... */
  state: string;
  /** Parent pid. */
  ppid: number;
  /** Process group id. */
  pgrp: number;
  /** Session id. */
  session: number;
  /** Start time in clock ticks since boot: with the pid, it names one process for good. */
  starttime: number;
}

/**
 * Parses a stat line; null when it is not one. The command name may hold spaces and parentheses,
 * so the fields are read after the last `)`.
 *
 * @example
 * ```ts
 * import { parseProcStat } from "./proc_stat.ts";
 * import assert from "node:assert/strict";
 * const line = "42 (my (odd) name) S 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 123456 0 0";
 * const s = parseProcStat(line)!;
 * assert.deepEqual([s.pid, s.comm, s.state, s.ppid, s.pgrp, s.session, s.starttime], [
 *   42, "my (odd) name", "S", 1, 42, 42, 123456,
 * ]);
 * ```
 */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  const rest = line.slice(close + 2).split(" ");
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const field = (n: number) => Number(rest[n - 3]);
  const stat = {
    pid,
    comm: line.slice(open + 1, close),
    state: rest[0] ?? "",
    ppid: field(4),
    pgrp: field(5),
    session: field(6),
    starttime: field(22),
  };
  const numbers = [stat.pid, stat.ppid, stat.pgrp, stat.session, stat.starttime];
  return numbers.every(Number.isInteger) && stat.state !== "" ? stat : null;
}

/** Whether a process is a zombie (exited, waiting for its parent to reap it). */
export function isZombie(stat: ProcStat): boolean {
  return stat.state === "Z";
}

/**
 * Every process descended from `root` in a process table (children, their children, ...), by
 * parent pid; `root` itself is not included.
 *
 * @example
 * ```ts
 * import { descendantsOf, type ProcStat } from "./proc_stat.ts";
 * import assert from "node:assert/strict";
 * const p = (pid: number, ppid: number) =>
 *   ({ pid, ppid, comm: "x", state: "S", pgrp: pid, session: pid, starttime: 1 }) as ProcStat;
 * const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 11), p(20, 1)];
 * assert.deepEqual(descendantsOf(10, table).map((s) => s.pid), [11, 12]);
 * ```
 */
export function descendantsOf(root: number, table: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const s of table) {
    const list = children.get(s.ppid);
    if (list === undefined) children.set(s.ppid, [s]);
    else list.push(s);
  }
  const found: ProcStat[] = [];
  const queue = [root];
  const seen = new Set<number>([root]);
  for (let i = 0; i < queue.length && i < table.length + 1; i++) {
    for (const c of children.get(queue[i]!) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      found.push(c);
      queue.push(c.pid);
    }
  }
  return found;
}
