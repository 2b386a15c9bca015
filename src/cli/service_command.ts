/**
 * `svisor service print|install|uninstall`: the systemd unit that runs this svisor on a config
 * (PM2's `startup` habit), printed, or written with `systemctl daemon-reload` and `enable`.
 */

import { parseArgs } from "node:util";
import type { Io } from "../core/io.ts";
import { findConfigFile, noConfigFileMessage } from "../config/config_search.ts";
import { loadConfig } from "../config/load_config.ts";
import type { Config } from "../config/model.ts";
import { UNIT_MARKER, unitText } from "../config/systemd_unit.ts";
import { ConfigErrors } from "../core/errors.ts";
import { selfCommand } from "../daemon/background.ts";
import { denoConfigFs } from "../sys/config_fs.ts";

/** The help text of `svisor service`. */
export const SERVICE_USAGE = `Usage: svisor service print|install|uninstall [options]

The systemd unit that runs "svisor daemon -n -c CONFIG" as a Type=notify service.

Actions:
  print      write the unit to standard output
  install    write the unit, then run "systemctl daemon-reload" and "systemctl
             enable" when systemctl is on PATH
  uninstall  "systemctl disable", remove the unit, "systemctl daemon-reload"

Options:
  -c, --configuration FILE  the config (default: svisor check's search); its
                            absolute path goes into ExecStart=
      --user                a user unit (~/.config/systemd/user, systemctl --user)
      --force               replace or remove a unit that svisor did not write
      --watchdog SEC        add WatchdogSec=SEC (the daemon pings every SEC/2)
      --unit-dir DIR        write the unit there instead of /etc/systemd/system
                            (or the user directory with --user)
  -h, --help                show this help

Exit codes:
  0  done (each step is printed)
  1  refused (a unit svisor did not write) or a step failed
  2  bad usage or a config with errors
`;

/** The unit's file name. */
export const UNIT_NAME = "svisor.service";

interface ServiceArgs {
  action: "print" | "install" | "uninstall";
  configuration: string | undefined;
  user: boolean;
  force: boolean;
  watchdog: number | null;
  unitDir: string | undefined;
}

/** Runs `svisor service` with argv after `service`; returns the exit code. */
export async function serviceCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseServiceArgs(argv);
  if (parsed === "help") {
    io.out(SERVICE_USAGE);
    return 0;
  }
  if (typeof parsed === "string") {
    io.err(`svisor service: ${parsed}\n${SERVICE_USAGE}`);
    return 2;
  }
  const fs = denoConfigFs();
  const file = parsed.configuration === undefined
    ? findConfigFile({ cwd: io.cwd, execPath: Deno.execPath(), exists: fs.exists })
    : absolute(parsed.configuration, io.cwd);
  if (file === null) {
    io.err(`Error: ${noConfigFileMessage(Deno.execPath())}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(file, { fs, env: io.env, cwd: io.cwd, hostname: Deno.hostname() });
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    io.err(e.errors.map((x) => `${x.message}\n`).join(""));
    return 2;
  }
  const self = selfCommand(["daemon", "-n", "-c", config.file]);
  const text = unitText({
    file: self.file,
    args: self.args,
    config,
    user: parsed.user,
    watchdogSec: parsed.watchdog,
  });
  if (parsed.action === "print") {
    io.out(text);
    return 0;
  }
  const dir = parsed.unitDir === undefined ? unitDir(parsed.user, io.env) : absolute(
    parsed.unitDir,
    io.cwd,
  );
  const path = `${dir}/${UNIT_NAME}`;
  const existing = readIfExists(path);
  if (existing !== null && !existing.startsWith(UNIT_MARKER) && !parsed.force) {
    io.err(
      `svisor service: ${path} exists and was not written by svisor; --force to ${
        parsed.action === "install" ? "replace" : "remove"
      } it\n`,
    );
    return 1;
  }
  const systemctl = new Systemctl(io, parsed.user);
  if (parsed.action === "install") {
    try {
      Deno.mkdirSync(dir, { recursive: true });
      Deno.writeTextFileSync(path, text);
    } catch (e) {
      io.err(`svisor service: cannot write ${path}: ${e instanceof Error ? e.message : e}\n`);
      return 1;
    }
    io.out(`wrote ${path}\n`);
    if (!systemctl.found(["daemon-reload"], ["enable", UNIT_NAME])) return 0;
    if (!(await systemctl.run("daemon-reload")) || !(await systemctl.run("enable", UNIT_NAME))) {
      return 1;
    }
    io.out(`start it with: ${systemctl.words("start", UNIT_NAME)}\n`);
    return 0;
  }
  if (existing === null) {
    io.out(`no unit at ${path}: nothing to remove\n`);
    return 0;
  }
  const present = systemctl.found(["disable", UNIT_NAME], ["daemon-reload"]);
  if (present && !(await systemctl.run("disable", UNIT_NAME))) return 1;
  try {
    Deno.removeSync(path);
  } catch (e) {
    io.err(`svisor service: cannot remove ${path}: ${e instanceof Error ? e.message : e}\n`);
    return 1;
  }
  io.out(`removed ${path}\n`);
  if (present && !(await systemctl.run("daemon-reload"))) return 1;
  return 0;
}

/** Runs systemctl (found on the caller's PATH) and says what it ran and how it went. */
class Systemctl {
  readonly #io: Io;
  readonly #user: boolean;
  readonly #path: string | null;

  constructor(io: Io, user: boolean) {
    this.#io = io;
    this.#user = user;
    this.#path = onPath("systemctl", io.env.PATH ?? "");
  }

  /** The command as words, for messages. */
  words(...args: string[]): string {
    return ["systemctl", ...(this.#user ? ["--user"] : []), ...args].join(" ");
  }

  /** Whether systemctl is there; when not, says which commands to run by hand. */
  found(...steps: string[][]): boolean {
    if (this.#path !== null) return true;
    const todo = steps.map((s) => `"${this.words(...s)}"`).join(" and ");
    this.#io.out(`systemctl is not on PATH: run ${todo} where systemd runs\n`);
    return false;
  }

  /** Runs one step; prints `ran: ...` or the failure with systemctl's first line of stderr. */
  async run(...args: string[]): Promise<boolean> {
    const all = [...(this.#user ? ["--user"] : []), ...args];
    const out = await new Deno.Command(this.#path!, {
      args: all,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { ...this.#io.env },
      clearEnv: true,
    }).output();
    if (out.success) {
      this.#io.out(`ran: ${this.words(...args)}\n`);
      return true;
    }
    const why = new TextDecoder().decode(out.stderr).trim().split("\n")[0] ?? "";
    this.#io.err(`svisor service: ${this.words(...args)} failed (exit ${out.code}): ${why}\n`);
    return false;
  }
}

function parseServiceArgs(argv: string[]): ServiceArgs | "help" | string {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        configuration: { type: "string", short: "c" },
        user: { type: "boolean" },
        force: { type: "boolean" },
        watchdog: { type: "string" },
        "unit-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    }));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (values.help === true) return "help";
  const [action, ...extra] = positionals;
  if (action !== "print" && action !== "install" && action !== "uninstall") {
    return action === undefined
      ? "an action is needed: print, install or uninstall"
      : `unknown action "${action}" (actions: print, install, uninstall)`;
  }
  if (extra.length > 0) return `unexpected argument "${extra[0]}"`;
  let watchdog: number | null = null;
  if (values.watchdog !== undefined) {
    watchdog = Number(values.watchdog);
    if (!/^\d+$/.test(values.watchdog) || watchdog <= 0) {
      return `--watchdog: "${values.watchdog}" is not a positive whole number of seconds`;
    }
  }
  return {
    action,
    configuration: values.configuration,
    user: values.user === true,
    force: values.force === true,
    watchdog,
    unitDir: values["unit-dir"],
  };
}

/** systemd's unit directory: the system one, or the user's (`$XDG_CONFIG_HOME/systemd/user`). */
function unitDir(user: boolean, env: Readonly<Record<string, string>>): string {
  if (!user) return "/etc/systemd/system";
  const base = env.XDG_CONFIG_HOME ?? `${env.HOME ?? ""}/.config`;
  return `${base}/systemd/user`;
}

function absolute(path: string, cwd: string): string {
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
}

function readIfExists(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

function onPath(name: string, path: string): string | null {
  for (const dir of path.split(":")) {
    if (dir === "") continue;
    try {
      const info = Deno.statSync(`${dir}/${name}`);
      if (info.isFile && ((info.mode ?? 0) & 0o111) !== 0) return `${dir}/${name}`;
    } catch {
      // not in this directory: try the next
    }
  }
  return null;
}
