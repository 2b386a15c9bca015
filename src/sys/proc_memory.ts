/**
 * The MemoryReader on Linux: VmRSS from /proc/PID/status, summed over the process and its
 * descendants, so a program whose memory lives in its children (`sh -c` starting a hog, a
 * pre-forking server) is measured too.
 */

import type { MemoryReader } from "../process/probe_ports.ts";
import { descendantsByWalk } from "./proc_table.ts";

/** Reads the RSS of a process tree from /proc (null where the pid or /proc is gone). */
export function procMemoryReader(): MemoryReader {
  return { rss: readTreeRss };
}

/**
 * VmRSS of `pid` plus that of every descendant (found through /proc/PID/task/TID/children, so
 * the cost follows the size of the tree), in bytes; null when `pid` itself cannot be read. Pages
 * shared between the processes (libraries, copy-on-write after fork) count once per process, as
 * `ps` and `top` count them.
 */
export function readTreeRss(pid: number): number | null {
  const own = readRss(pid);
  if (own === null) return null;
  let total = own;
  for (const child of descendantsByWalk(pid)) total += readRss(child.pid) ?? 0;
  return total;
}

/** VmRSS of one pid in bytes, or null (gone, a zombie, or no /proc). */
export function readRss(pid: number): number | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch {
    return null; // the process is gone (or there is no /proc): no sample this time
  }
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return m === null ? null : Number(m[1]) * 1024;
}
