/**
 * Config paths a root daemon should not trust: a config file, an included file, or a directory on
 * their path that someone other than root can write (so could make the daemon run anything as
 * root), or a symlink into such a place. supervisord's docs warn about it; svisor checks.
 */

/** What the rule needs to know about one path (from lstat). */
export interface PathFacts {
  /** Owner. */
  uid: number;
  /** Group. */
  gid: number;
  /** Permission bits (with the sticky bit, 0o1000). */
  mode: number;
  /** A directory. */
  isDirectory: boolean;
  /** A symbolic link (its own mode says nothing). */
  isSymlink: boolean;
}

/** The file-system questions the rule asks. */
export interface PathSafetyProbe {
  /** lstat, or null when the path does not exist. */
  lstat(path: string): PathFacts | null;
  /** The path with every symlink resolved, or null. */
  realPath(path: string): string | null;
}

/** Why one path is unsafe, or null when only root can change it. */
export function writableByOthers(facts: PathFacts): string | null {
  if (facts.uid !== 0) return `owned by uid ${facts.uid}`;
  if (facts.isSymlink) return null;
  if ((facts.mode & 0o020) !== 0 && facts.gid !== 0) return `writable by group ${facts.gid}`;
  // A sticky directory (/tmp) lets others add entries but not replace root's: its root-owned
  // entries are checked on their own.
  if ((facts.mode & 0o002) !== 0 && !(facts.isDirectory && (facts.mode & 0o1000) !== 0)) {
    return "writable by everyone";
  }
  return null;
}

/**
 * One warning per unsafe path among `files` (absolute) and the directories above them, then
 * through symlinks (each path named once, in the order met).
 *
 * @example
 * ```ts
 * import { unsafeConfigPaths } from "./path_safety.ts";
 * import assert from "node:assert/strict";
 * const root = { uid: 0, gid: 0, mode: 0o755, isDirectory: true, isSymlink: false };
 * const facts: Record<string, typeof root> = {
 *   "/": root,
 *   "/etc": root,
 *   "/etc/s.conf": { ...root, mode: 0o666, isDirectory: false },
 * };
 * const probe = { lstat: (p: string) => facts[p] ?? null, realPath: (p: string) => p };
 * assert.deepEqual(unsafeConfigPaths(["/etc/s.conf"], probe), [
 *   "/etc/s.conf: writable by everyone: whoever can change it can run commands as root through this daemon",
 * ]);
 * ```
 */
export function unsafeConfigPaths(files: readonly string[], probe: PathSafetyProbe): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (file: string, via: string | null) => {
    let symlinked = false;
    for (const path of prefixes(file)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const facts = probe.lstat(path);
      if (facts === null) continue;
      if (facts.isSymlink) symlinked = true;
      const why = writableByOthers(facts);
      if (why === null) continue;
      const shown = via === null ? path : `${path} (the target of ${via})`;
      out.push(
        `${shown}: ${why}: whoever can change it can run commands as root through this daemon`,
      );
    }
    if (!symlinked || via !== null) return;
    const real = probe.realPath(file);
    if (real !== null && real !== file) visit(real, file);
  };
  for (const file of files) visit(file, null);
  return out;
}

/** `/`, `/etc`, `/etc/s.conf` for `/etc/s.conf`. */
function prefixes(file: string): string[] {
  const parts = file.split("/").filter((p) => p !== "");
  return ["/", ...parts.map((_, i) => "/" + parts.slice(0, i + 1).join("/"))];
}
