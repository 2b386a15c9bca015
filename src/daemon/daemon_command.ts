/**
 * `svisor daemon`: supervisord's command line, the config search and load, then either the
 * foreground daemon (-n, nodaemon=true, or the background child) or the detached background launch.
 */

import type { Io } from "../core/io.ts";
import { SUPERVISOR_VERSION } from "../protocol/versions.ts";
import { findConfigFile, noConfigFileMessage } from "../config/config_search.ts";
import { loadConfig } from "../config/load_config.ts";
import type { Config } from "../config/model.ts";
import { ConfigErrors } from "../core/errors.ts";
import { denoConfigFs } from "../sys/config_fs.ts";
import { BACKGROUND_ENV, launchBackground, READY_LINE } from "./background.ts";
import { applyOverrides, daemonUsage, parseDaemonArgs } from "./daemon_options.ts";
import { runDaemon } from "./daemon_runtime.ts";
import { StartupError } from "./startup_error.ts";

/** Runs `svisor daemon` with argv after `daemon`; returns the exit code. */
export async function daemonCommand(argv: string[], io: Io): Promise<number> {
  const argv0 = "svisor daemon";
  const fs = denoConfigFs();
  const absolute = (p: string) => (p.startsWith("/") ? p : `${io.cwd.replace(/\/$/, "")}/${p}`);
  const parsed = parseDaemonArgs(argv, {
    isDirectory: fs.isDirectory,
    userExists: (u) => fs.lookupUser?.(u) !== null,
    absolute,
  });
  const usageError = (m: string) => {
    io.err(`Error: ${m}\nFor help, use ${argv0} -h\n`);
    return 2;
  };
  if (!parsed.ok) return usageError(parsed.message);
  const args = parsed.args;
  if (args.help) {
    io.out(daemonUsage(argv0));
    return 0;
  }
  if (args.version) {
    io.out(`${SUPERVISOR_VERSION}\n`);
    return 0;
  }
  const path = args.configuration ??
    findConfigFile({ cwd: io.cwd, execPath: Deno.execPath(), exists: fs.exists });
  if (path === null) return usageError(noConfigFileMessage(Deno.execPath()));
  const load = (): Config =>
    loadConfig(path, { fs, env: io.env, cwd: io.cwd, hostname: Deno.hostname() });
  let config: Config;
  try {
    config = load();
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    return usageError(e.errors.map((x) => x.message).join("\n       "));
  }
  const background = io.env[BACKGROUND_ENV] === "1";
  const settings = applyOverrides(config.supervisord!, args);
  if (!settings.nodaemon && !background) {
    const outcome = await launchBackground(argv, io.env);
    if (outcome.code !== 0) io.err(outcome.errorText);
    return outcome.code;
  }
  const quiet = background ? silencedAfterReady(io) : { io, ready: () => {} };
  try {
    return await runDaemon({
      config,
      args,
      reloadConfig: load,
      background,
      searchedConfig: args.configuration === undefined,
      onReady: quiet.ready,
    });
  } catch (e) {
    if (e instanceof StartupError) {
      quiet.io.err(`Error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** The background daemon's Io: text reaches the waiting parent until ready, then nowhere. */
function silencedAfterReady(io: Io): { io: Io; ready: () => void } {
  let ready = false;
  const guard = (write: (t: string) => void) => (t: string) => {
    if (ready) return;
    try {
      write(t);
    } catch {
      // the parent is gone
    }
  };
  return {
    io: { ...io, out: guard(io.out), err: guard(io.err) },
    ready: () => {
      io.out(READY_LINE);
      ready = true;
    },
  };
}
