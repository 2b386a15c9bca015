/** The config path safety rule on this machine: run as root, it names every unsafe config path. */

import type { Config } from "../config/model.ts";
import { type PathFacts, unsafeConfigPaths } from "../config/path_safety.ts";
import { ConfigError, ConfigErrors } from "../core/errors.ts";

/**
 * Adds a warning per unsafe config path to `config.warnings` (as root only); with
 * `[supervisord] refuse_unsafe_config=true` throws them as ConfigErrors instead.
 */
export function applyPathSafety(config: Config, uid = Deno.uid()): Config {
  const unsafe = configPathWarnings(config, uid);
  if (unsafe.length === 0) return config;
  if (config.supervisord?.refuseUnsafeConfig === true) {
    throw new ConfigErrors(
      unsafe.map((m) => new ConfigError({}, `${m} (refuse_unsafe_config=true)`)),
    );
  }
  config.warnings.push(...unsafe.map((message) => ({ message })));
  return config;
}

/** The unsafe paths of a loaded config's files, or none when this process is not root. */
export function configPathWarnings(config: Config, uid = Deno.uid()): string[] {
  if (uid !== 0) return [];
  return unsafeConfigPaths(config.files, {
    lstat: (path): PathFacts | null => {
      try {
        const s = Deno.lstatSync(path);
        return {
          uid: s.uid ?? 0,
          gid: s.gid ?? 0,
          mode: s.mode ?? 0,
          isDirectory: s.isDirectory,
          isSymlink: s.isSymlink,
        };
      } catch {
        // Gone or unreadable since the load: nothing there for others to change.
        return null;
      }
    },
    realPath: (path) => {
      try {
        return Deno.realPathSync(path);
      } catch {
        return null;
      }
    },
  });
}
