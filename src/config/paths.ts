/** Path rules of the config: `~` expansion, resolution against the working directory, directory checks. */

import { posix } from "node:path";
import type { SectionReader } from "./section_reader.ts";
import { q } from "./value_types.ts";

/** Expands a leading `~` (the HOME of the environment) or `~user` (their home directory). */
export function expandUser(path: string, reader: SectionReader): string {
  if (!path.startsWith("~")) return path;
  const slash = path.indexOf("/");
  const user = path.slice(1, slash < 0 ? undefined : slash);
  const rest = slash < 0 ? "" : path.slice(slash);
  const home = user === "" ? reader.ctx.env["HOME"] : reader.ctx.fs.lookupUser?.(user)?.home;
  return home === undefined ? path : home.replace(/\/+$/, "") + rest;
}

/** An absolute, normalized path: `~` expanded, then resolved against the working directory. */
export function absolutePath(path: string, reader: SectionReader): string {
  return posix.resolve(reader.ctx.cwd, expandUser(path, reader));
}

/**
 * supervisor's `existing_dirpath`: a path whose directory must exist (a bare file name is fine);
 * returns the absolute path, or null after recording an error.
 */
export function existingDirpath(
  option: string,
  path: string,
  reader: SectionReader,
): string | null {
  const expanded = expandUser(path, reader);
  const dir = posix.dirname(expanded);
  const abs = posix.resolve(reader.ctx.cwd, expanded);
  if (!expanded.includes("/")) return abs;
  if (reader.ctx.fs.isDirectory(posix.resolve(reader.ctx.cwd, dir))) return abs;
  reader.error(option, `the directory ${q(dir)} of ${q(path)} does not exist`);
  return null;
}

/** supervisor's `existing_directory`: returns the absolute directory, or null after recording an error. */
export function existingDirectory(
  option: string,
  path: string,
  reader: SectionReader,
): string | null {
  const abs = absolutePath(path, reader);
  if (reader.ctx.fs.isDirectory(abs)) return abs;
  reader.error(option, `${q(path)} is not an existing directory`);
  return null;
}

/** The directory of a path. */
export function dirname(path: string): string {
  return posix.dirname(path);
}

/** Resolves `path` against `base` and normalizes it. */
export function resolvePath(base: string, path: string): string {
  return posix.resolve(base, path);
}

/**
 * The temporary directory the way Python's `tempfile.gettempdir()` picks it: TMPDIR, TEMP or TMP
 * when they name a directory, else /tmp, /var/tmp, /usr/tmp, else the working directory.
 */
export function tempDir(reader: SectionReader): string {
  const { env, fs, cwd } = reader.ctx;
  for (const name of ["TMPDIR", "TEMP", "TMP"]) {
    const dir = env[name];
    if (dir !== undefined && dir !== "" && fs.isDirectory(posix.resolve(cwd, dir))) {
      return posix.resolve(cwd, dir);
    }
  }
  for (const dir of ["/tmp", "/var/tmp", "/usr/tmp"]) if (fs.isDirectory(dir)) return dir;
  return cwd;
}
