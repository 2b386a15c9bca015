/**
 * The private folders that hold the socket between the connection guard and the HTTP server. Each
 * is named after the daemon's pid, `svisor-http-<pid>-<random>` in the temp folder, so that a
 * daemon killed with SIGKILL (which removes nothing) leaves folders the next start can recognise:
 * those of a pid that no longer runs, owned by this user, are removed.
 */

const PREFIX = "svisor-http-";

/** The temp folder Deno.makeTempDir uses. */
function tempRoot(): string {
  return Deno.env.get("TMPDIR") || "/tmp";
}

/** Makes this process's private relay folder (mode 0700). */
export async function makeRelayDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: `${PREFIX}${Deno.pid}-` });
}

/** Whether a process runs, or null when this system cannot tell (no /proc). */
function running(pid: number): boolean | null {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) return null;
    try {
      Deno.statSync("/proc/self");
      return false;
    } catch {
      return null; // no /proc: leave every folder alone
    }
  }
}

/**
 * Removes the relay folders that dead daemons of this user left behind; returns their paths.
 * Folders of running processes, of other users, and anything not named like ours are left.
 */
export async function removeStaleRelayDirs(root: string = tempRoot()): Promise<string[]> {
  const removed: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(root));
  } catch {
    return removed; // no readable temp folder: nothing of ours can be there
  }
  for (const entry of entries) {
    const m = /^svisor-http-(\d+)-[0-9a-f]+$/.exec(entry.name);
    if (m === null || !entry.isDirectory) continue;
    const pid = Number(m[1]);
    if (pid === Deno.pid || running(pid) !== false) continue;
    const path = `${root}/${entry.name}`;
    try {
      const info = await Deno.lstat(path);
      if (info.uid !== Deno.uid()) continue;
      await Deno.remove(path, { recursive: true });
      removed.push(path);
    } catch {
      // gone meanwhile, or not ours to remove: either way nothing to clean
    }
  }
  return removed;
}
