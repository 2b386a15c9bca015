/** Process checks for compat scenarios: liveness by pid, and killing whatever a run left behind. */

/** Whether a pid names a live (not zombie) process. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** Pids of live processes whose environment contains MARKER (e.g. `COMPAT_RUN=abc`). */
export function pidsWithEnv(marker: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const pid = Number(entry.name);
    try {
      const env = Deno.readFileSync(`/proc/${pid}/environ`);
      const text = new TextDecoder().decode(env);
      if (text.split("\0").includes(marker) && pidAlive(pid)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** SIGKILLs every live process carrying MARKER in its environment; returns how many there were. */
export function killLeftovers(marker: string): number {
  const pids = pidsWithEnv(marker);
  for (const pid of pids) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids.length;
}
