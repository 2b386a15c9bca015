/**
 * supervisord's command line: every option, its value check with supervisord's error texts, and how
 * each overrides the `[supervisord]` section.
 */

import { getopt } from "../core/getopt.ts";
import { pyRepr } from "../protocol/py_repr.ts";
import type { DaemonConfig, LogLevelName } from "../config/model.ts";
import { parseByteSize, parseLogLevel, pythonInt } from "../config/value_types.ts";

/** The parsed command line; an absent field leaves the config's value. */
export interface DaemonArgs {
  /** `-c FILE`. */
  configuration?: string;
  /** `-h`. */
  help: boolean;
  /** `-v`. */
  version: boolean;
  /** `--profile_options`: accepted, has no effect (supervisord's cProfile hook). */
  profileOptions?: string;
  /** Overrides of `[supervisord]` keys. */
  overrides: Partial<DaemonConfig>;
}

/** What parsing needs from the machine. */
export interface DaemonArgsContext {
  /** Whether a directory exists (for `-d`). */
  isDirectory(path: string): boolean;
  /** Whether a user name or uid exists (for `-u`). */
  userExists(nameOrUid: string): boolean;
  /** Resolves a relative path against the working directory. */
  absolute(path: string): string;
}

/** The usage text, as `supervisord -h` prints it (with `argv0` in the Usage line). */
export function daemonUsage(argv0: string): string {
  return `svisor daemon -- run a set of applications as daemons (supervisord's options).

Usage: ${argv0} [options]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)
-s/--silent -- no logs to stdout (maps to 'silent=true' in config file)
-h/--help -- print this usage message and exit
-v/--version -- print supervisord version number and exit
-u/--user USER -- run supervisord as this user (or numeric uid)
-m/--umask UMASK -- use this umask for daemon subprocess (default is 022)
-d/--directory DIRECTORY -- directory to chdir to when daemonized
-l/--logfile FILENAME -- use FILENAME as logfile path
-y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile
-z/--logfile_backups NUM -- number of backups to keep when max bytes reached
-e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)
-j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME
-i/--identifier STR -- identifier used for this instance of supervisord
-q/--childlogdir DIRECTORY -- the log directory for child process logs
-k/--nocleanup --  prevent the process from performing cleanup (removal of
                   old automatic child log files) at startup.
-a/--minfds NUM -- the minimum number of file descriptors for start success
-t/--strip_ansi -- strip ansi escape codes from process output
--minprocs NUM  -- the minimum number of processes available for start success
--profile_options OPTIONS -- accepted for compatibility; svisor has no cProfile
                             hook (use deno run --cpu-prof main.ts daemon -n)
`;
}

const SHORT = "c:nshvu:m:d:l:y:z:e:j:i:q:ka:t";
const LONG = [
  "configuration=",
  "nodaemon",
  "silent",
  "help",
  "version",
  "user=",
  "umask=",
  "directory=",
  "logfile=",
  "logfile_maxbytes=",
  "logfile_backups=",
  "loglevel=",
  "pidfile=",
  "identifier=",
  "childlogdir=",
  "nocleanup",
  "minfds=",
  "strip_ansi",
  "minprocs=",
  "profile_options=",
];

const LONG_OF: Record<string, string> = {
  c: "configuration",
  n: "nodaemon",
  s: "silent",
  h: "help",
  v: "version",
  u: "user",
  m: "umask",
  d: "directory",
  l: "logfile",
  y: "logfile_maxbytes",
  z: "logfile_backups",
  e: "loglevel",
  j: "pidfile",
  i: "identifier",
  q: "childlogdir",
  k: "nocleanup",
  a: "minfds",
  t: "strip_ansi",
};

/**
 * Parses argv (after `daemon`); returns the arguments or the error text supervisord prints after
 * `Error: ` (then `For help, use ... -h`, exit 2).
 *
 * @example
 * ```ts
 * import { parseDaemonArgs } from "./daemon_options.ts";
 * import assert from "node:assert/strict";
 * const ctx = { isDirectory: () => true, userExists: () => true, absolute: (p: string) => `/w/${p}` };
 * const r = parseDaemonArgs(["-n", "-c", "s.conf", "-e", "debug"], ctx);
 * assert.ok(r.ok);
 * assert.equal(r.args.configuration, "/w/s.conf");
 * assert.deepEqual(r.args.overrides, { nodaemon: true, loglevel: "debug" });
 * assert.deepEqual(parseDaemonArgs(["-m", "999"], ctx), {
 *   ok: false,
 *   message: "invalid value for -m '999': 999 can not be converted to an octal type",
 * });
 * ```
 */
export function parseDaemonArgs(
  argv: readonly string[],
  ctx: DaemonArgsContext,
): { ok: true; args: DaemonArgs } | { ok: false; message: string } {
  const parsed = getopt(argv, SHORT, LONG);
  if (!parsed.ok) return parsed;
  if (parsed.rest.length > 0) {
    return {
      ok: false,
      message: `positional arguments are not supported: [${parsed.rest.map(pyRepr).join(", ")}]`,
    };
  }
  const args: DaemonArgs = { help: false, version: false, overrides: {} };
  const o = args.overrides;
  const seen = new Set<string>();
  for (const { name, value } of parsed.options) {
    const key = name.startsWith("--") ? name.slice(2) : LONG_OF[name.slice(1)]!;
    if (key === "help") {
      args.help = true;
      continue;
    }
    if (key === "version") {
      args.version = true;
      continue;
    }
    if (seen.has(key)) return { ok: false, message: `conflicting command line option '${name}'` };
    seen.add(key);
    const bad = (why: string) => ({
      ok: false as const,
      message: `invalid value for ${name} '${value}': ${why}`,
    });
    const int = (): number | null => pythonInt(value);
    const intError = `invalid literal for int() with base 10: '${value}'`;
    switch (key) {
      case "configuration":
        args.configuration = ctx.absolute(value);
        break;
      case "nodaemon":
        o.nodaemon = true;
        break;
      case "silent":
        o.silent = true;
        break;
      case "nocleanup":
        o.nocleanup = true;
        break;
      case "strip_ansi":
        o.stripAnsi = true;
        break;
      case "user":
        if (!ctx.userExists(value)) return { ok: false, message: `Invalid user name ${value}` };
        o.user = value;
        break;
      case "umask": {
        const n = pythonInt(value, 8);
        if (n === null) return bad(`${value} can not be converted to an octal type`);
        o.umask = n;
        break;
      }
      case "directory": {
        const dir = ctx.absolute(value);
        if (!ctx.isDirectory(dir)) return bad(`${value} is not an existing directory`);
        o.directory = dir;
        break;
      }
      case "logfile":
        o.logfile = value === "syslog" ? "syslog" : ctx.absolute(value);
        break;
      case "logfile_maxbytes": {
        const n = byteSize(value);
        if (n === null) return bad(intError);
        o.logfileMaxbytes = n;
        break;
      }
      case "logfile_backups":
      case "minfds":
      case "minprocs": {
        const n = int();
        if (n === null) return bad(intError);
        if (key === "logfile_backups") o.logfileBackups = n;
        else if (key === "minfds") o.minfds = n;
        else o.minprocs = n;
        break;
      }
      case "loglevel": {
        let level: LogLevelName;
        try {
          level = parseLogLevel(value);
        } catch {
          return bad(`bad logging level name '${value}'`);
        }
        o.loglevel = level;
        break;
      }
      case "pidfile":
        o.pidfile = ctx.absolute(value);
        break;
      case "identifier":
        o.identifier = value;
        break;
      case "childlogdir": {
        const dir = ctx.absolute(value);
        if (!ctx.isDirectory(dir)) return bad(`${value} is not an existing directory`);
        o.childlogdir = dir;
        break;
      }
      case "profile_options":
        args.profileOptions = value;
        break;
    }
  }
  return { ok: true, args };
}

/** The `[supervisord]` settings after the command line's overrides. */
export function applyOverrides(config: DaemonConfig, args: DaemonArgs): DaemonConfig {
  return { ...config, ...args.overrides };
}

function byteSize(text: string): number | null {
  try {
    return parseByteSize(text);
  } catch {
    return null;
  }
}
