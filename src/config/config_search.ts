/** The default config file search of supervisord and supervisorctl, with svisor.conf looked for first. */

import { posix } from "node:path";

/** What the search needs: the working directory, the executable's path, and an existence test. */
export interface ConfigSearchOptions {
  /** The working directory (relative candidates are tested against it). */
  cwd: string;
  /** The path of the running executable (its grandparent directory is searched first). */
  execPath: string;
  /** Whether a path exists. */
  exists(path: string): boolean;
}

/**
 * The candidate paths in order: at each of supervisor's six locations, `svisor.conf` before
 * `supervisord.conf`. Relative entries are relative to the working directory.
 *
 * @example
 * ```ts
 * import { configSearchPaths } from "./config_search.ts";
 * import assert from "node:assert/strict";
 * const paths = configSearchPaths("/usr/bin/svisor");
 * assert.deepEqual(paths.slice(0, 2), ["/usr/etc/svisor.conf", "/usr/etc/supervisord.conf"]);
 * assert.equal(paths.at(-1), "/etc/supervisor/supervisord.conf");
 * ```
 */
export function configSearchPaths(execPath: string): string[] {
  const here = posix.dirname(posix.dirname(execPath));
  const dirs = [posix.join(here, "etc"), here, "", "etc", "/etc", "/etc/supervisor"];
  return dirs.flatMap((dir) =>
    ["svisor.conf", "supervisord.conf"].map((name) => dir === "" ? name : posix.join(dir, name))
  );
}

/** The first candidate that exists, resolved against the working directory, or null. */
export function findConfigFile(options: ConfigSearchOptions): string | null {
  for (const candidate of configSearchPaths(options.execPath)) {
    const path = posix.resolve(options.cwd, candidate);
    if (options.exists(path)) return path;
  }
  return null;
}

/** The error text when no file is found (supervisord prints it after `Error: ` and exits 2). */
export function noConfigFileMessage(execPath: string): string {
  return `No config file found at default paths (${configSearchPaths(execPath).join(", ")}); ` +
    `use the -c option to specify a config file at a different path`;
}
