/**
 * Reading Linux's /proc: one process's stat, the whole table, a process's direct children (from
 * `/proc/PID/task/TID/children`, else a scan) and its initial environment. A process that is gone
 * by the time it is read is simply not there (null or left out).
 */

import { parseProcStat, type ProcStat } from "../process/proc_stat.ts";

/** One process's stat, or null when it does not exist (or /proc is not there). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(Deno.readTextFileSync(`/proc/${pid}/stat`));
  } catch {
    // gone, or no /proc: both mean "not there" to every caller
    return null;
  }
}

/** Whether `pid` is still the process that had `starttime` (a reused pid is another process). */
export function sameProcess(pid: number, starttime: number): boolean {
  const now = readProcStat(pid);
  return now !== null && now.starttime === starttime && now.state !== "Z";
}

/** Every process in /proc (empty when there is no /proc). */
export function processTable(): ProcStat[] {
  const table: ProcStat[] = [];
  let entries: Iterable<Deno.DirEntry>;
  try {
    entries = Deno.readDirSync("/proc");
  } catch {
    // no /proc (not Linux, or not mounted): nothing can be followed
    return table;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e.name)) continue;
    const stat = readProcStat(Number(e.name));
    if (stat !== null) table.push(stat);
  }
  return table;
}

/**
 * The direct children of `pid` (every thread's children file; a full scan where there is none).
 * Only the pids `wanted` passes are read (a daemon of 1,000 children that looks for the few it did
 * not spawn reads the children files, not 1,000 stat files).
 */
export function childrenOf(pid: number, wanted: (pid: number) => boolean = () => true): ProcStat[] {
  const pids = new Set<number>();
  try {
    for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
      const text = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/children`);
      for (const word of text.split(" ")) if (word !== "") pids.add(Number(word));
    }
  } catch {
    // no children files (kernel without CONFIG_PROC_CHILDREN): scan the whole table instead
    return processTable().filter((s) => s.ppid === pid && wanted(s.pid));
  }
  const found: ProcStat[] = [];
  for (const p of pids) {
    if (!wanted(p)) continue;
    const stat = readProcStat(p);
    if (stat !== null && stat.ppid === pid) found.push(stat);
  }
  return found;
}

/**
 * Every descendant of `pid` (children, their children, ...), walked through the children files so
 * the cost follows the size of the tree, not of the whole table; at most `limit` of them.
 */
export function descendantsByWalk(pid: number, limit = 10_000): ProcStat[] {
  const found: ProcStat[] = [];
  const seen = new Set<number>([pid]);
  const queue = [pid];
  for (let i = 0; i < queue.length && found.length < limit; i++) {
    for (const c of childrenOf(queue[i]!)) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      found.push(c);
      queue.push(c.pid);
    }
  }
  return found;
}

/** A process's environment as it was at exec, or null when it cannot be read. */
export function environOf(pid: number): Record<string, string> | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(`/proc/${pid}/environ`);
  } catch {
    // gone, or another user's process: nothing to attribute it by
    return null;
  }
  const env: Record<string, string> = {};
  for (const entry of text.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}
