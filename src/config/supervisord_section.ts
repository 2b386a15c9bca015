/** `[supervisord]`: the daemon's own settings, with supervisor's defaults and checks. */

import type { DaemonConfig } from "./model.ts";
import { environmentPairs } from "./key_value_pairs.ts";
import { existingDirectory, existingDirpath, tempDir } from "./paths.ts";
import { type LoadContext, SectionReader } from "./section_reader.ts";
import { checkUser } from "./user_checks.ts";
import {
  parseBoolean,
  parseByteSize,
  parseInteger,
  parseLogLevel,
  parseOctal,
} from "./value_types.ts";

/** Default of svisor's `event_stream_history`: events kept for resuming the event stream. */
export const DEFAULT_EVENT_HISTORY = 1000;

/**
 * Reads `[supervisord]` (expanding `here` and the start environment's `ENV_*`), then adds its
 * `environment` keys to the `ENV_*` names every later section sees.
 */
export function readSupervisordSection(ctx: LoadContext): DaemonConfig {
  const r = new SectionReader(ctx, "supervisord");
  const names = { here: ctx.here, ...ctx.envNames };
  const int = (name: string, fallback: number) => r.typed(name, fallback, names, parseInteger);
  const bool = (name: string) => r.typed(name, false, names, parseBoolean);

  const directoryText = r.text("directory", names);
  const directory = typeof directoryText === "string"
    ? existingDirectory("directory", directoryText, r)
    : null;
  const user = r.text("user", names) ?? null;
  if (user !== null) checkUser("user", user, r);
  const logfileText = r.text("logfile", names) ?? "supervisord.log";
  const logfile = logfileText === "syslog"
    ? "syslog"
    : existingDirpath("logfile", logfileText ?? "supervisord.log", r) ?? logfileText;
  const pidfileText = r.text("pidfile", names) ?? "supervisord.pid";
  const childlogdirText = r.text("childlogdir", names);
  const childlogdir = typeof childlogdirText === "string"
    ? existingDirectory("childlogdir", childlogdirText, r) ?? childlogdirText
    : tempDir(r);

  const config: DaemonConfig = {
    logfile,
    logfileMaxbytes: r.typed("logfile_maxbytes", 50 * 1024 * 1024, names, parseByteSize),
    logfileBackups: int("logfile_backups", 10),
    loglevel: r.typed("loglevel", "info", names, parseLogLevel),
    pidfile: existingDirpath("pidfile", pidfileText, r) ?? pidfileText,
    umask: r.typed("umask", 0o22, names, parseOctal),
    nodaemon: bool("nodaemon"),
    silent: bool("silent"),
    minfds: int("minfds", 1024),
    minprocs: int("minprocs", 200),
    nocleanup: bool("nocleanup"),
    childlogdir,
    user,
    directory,
    stripAnsi: bool("strip_ansi"),
    environment: readEnvironment(r, names),
    identifier: r.text("identifier", names) ?? "supervisor",
    eventStreamHistory: int("event_stream_history", DEFAULT_EVENT_HISTORY),
  };
  if (config.eventStreamHistory < 0) {
    r.error(
      "event_stream_history",
      `event_stream_history must be 0 or more, not ${config.eventStreamHistory}`,
    );
  }
  for (const [key, value] of Object.entries(config.environment)) ctx.envNames[`ENV_${key}`] = value;
  return config;
}

/** `environment` of `[supervisord]`: expanded twice in 4.2.5 (so `%%` cannot be written there). */
function readEnvironment(r: SectionReader, names: Record<string, string>): Record<string, string> {
  const text = r.text("environment", names, { twice: true });
  return typeof text === "string" ? environmentPairs(r, text) : {};
}
