/** Small statistics and /proc readings for the benchmark: medians, CPU time, resident memory. */

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS;
}

/**
 * Context switches (voluntary + nonvoluntary) of every thread of a process so far, from
 * /proc/<pid>/task/<tid>/status: a thread that sleeps and wakes adds at least one, so the difference
 * over an idle window counts the wakeups. A thread that exited in the window is not counted.
 */
export function contextSwitches(pid: number): number {
  let total = 0;
  for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
    let status: string;
    try {
      status = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/status`);
    } catch {
      continue; // the thread exited between the listing and the read
    }
    for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)/gm)) {
      total += Number(m[1]);
    }
  }
  return total;
}

/** Resident memory of a process in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Formats seconds or ratios for the report. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  return value >= 100 ? value.toFixed(0) : value.toPrecision(digits);
}
