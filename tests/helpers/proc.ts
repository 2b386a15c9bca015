/** What tests read of a process in Linux's /proc: its state, its children, its start time. */

/** The state letter of a process (`S`, `R`, `Z`...), or null when it does not exist. */
export function stateOf(pid: number): string | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    // no such process
    return null;
  }
}

/** Whether a process exists and is not a zombie. */
export function alive(pid: number): boolean {
  const s = stateOf(pid);
  return s !== null && s !== "Z";
}

/** The direct children of a process, from its threads' children files. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
    const text = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/children`);
    for (const w of text.split(" ")) if (w !== "") found.push(Number(w));
  }
  return found;
}

/** A process's start time in clock ticks since boot (field 22 of its stat). */
export function starttime(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
}

/**
 * A child's argv (its cmdline split at NULs) once the program runs. The spawner's setsid(1) execs
 * the program in the same pid after the `spawned:` line, and no event marks the exec: until it has,
 * the cmdline is setsid's, and during the exec itself it reads empty. Looks for up to 2 s.
 */
export async function programArgv(pid: number | string): Promise<string[]> {
  const read = () => Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
  let words = read();
  for (let i = 0; i < 200 && (words[0] === "" || words[0]!.endsWith("/setsid")); i++) {
    await new Promise((r) => setTimeout(r, 10));
    words = read();
  }
  return words;
}
