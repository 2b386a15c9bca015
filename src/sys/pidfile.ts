/** The daemon's pidfile: written once it is up, removed when it exits. */

/** Writes `pid` and a newline; returns false when the file cannot be written. */
export function writePidfile(path: string, pid: number): boolean {
  try {
    Deno.writeTextFileSync(path, `${pid}\n`);
    return true;
  } catch {
    return false;
  }
}

/** Removes the pidfile if it is there. */
export function removePidfile(path: string): void {
  try {
    Deno.removeSync(path);
  } catch {
    // already gone
  }
}
