/** The MemoryReader on Linux: VmRSS from /proc/PID/status. */

import type { MemoryReader } from "../process/probe_ports.ts";

/** Reads RSS from /proc (null where the pid or /proc is gone). */
export function procMemoryReader(): MemoryReader {
  return { rss: readRss };
}

/** VmRSS of a pid in bytes, or null. */
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
