/**
 * The subcommand table: `svisor daemon | ctl | service | check | install-aliases | help | version`,
 * and the drop-in names `supervisord` and `supervisorctl`.
 */

import type { Io, Subcommand } from "../core/io.ts";
import { VERSION } from "../core/version.ts";

/** One entry of the table: a summary for help, and a loader so a subcommand's code loads lazily. */
interface Entry {
  summary: string;
  load: () => Promise<Subcommand>;
}

const COMMANDS: Record<string, Entry> = {
  daemon: {
    summary: "run the process supervisor (supervisord's options)",
    load: async () => (await import("../daemon/daemon_command.ts")).daemonCommand,
  },
  ctl: {
    summary: "control a running daemon (supervisorctl's actions)",
    load: async () => (await import("../ctl/ctl_command.ts")).ctlCommand,
  },
  service: {
    summary: "print or install a systemd unit that runs the daemon",
    load: async () => (await import("./service_command.ts")).serviceCommand,
  },
  check: {
    summary: "validate a config file and show what it resolves to",
    load: async () => (await import("./check_command.ts")).checkCommand,
  },
  "install-aliases": {
    summary: "write supervisord and supervisorctl into a directory (drop-in names)",
    load: async () => (await import("./install_aliases_command.ts")).installAliasesCommand,
  },
};

/** The top-level usage text. */
export function usage(): string {
  const width = Math.max(...[...Object.keys(COMMANDS), "version"].map((c) => c.length)) + 2;
  const rows = Object.entries(COMMANDS).map(([name, e]) => `  ${name.padEnd(width)}${e.summary}`);
  return [
    "Usage: svisor <command> [options]",
    "",
    "A process control system compatible with Supervisor's configs and clients.",
    "",
    "Commands:",
    ...rows,
    `  ${"help".padEnd(width)}show help for a command`,
    `  ${"version".padEnd(width)}print the version`,
    "",
    "Run 'svisor help <command>' for a command's options.",
    "",
  ].join("\n");
}

/**
 * The drop-in name svisor was invoked by, from argv[0]'s basename: `supervisord` runs as
 * `svisor daemon`, `supervisorctl` as `svisor ctl`; null for any other name.
 *
 * @example
 * ```ts
 * import { dropInName } from "./main_cli.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dropInName("/usr/local/bin/supervisord"), "supervisord");
 * assert.equal(dropInName("supervisorctl"), "supervisorctl");
 * assert.equal(dropInName("/usr/bin/svisor"), null);
 * ```
 */
export function dropInName(argv0: string): "supervisord" | "supervisorctl" | null {
  const base = argv0.slice(argv0.lastIndexOf("/") + 1);
  return base === "supervisord" || base === "supervisorctl" ? base : null;
}

/**
 * Runs svisor with argv (without the program name); returns the exit code. `calledAs` is the
 * program name it was invoked by: as `supervisord` or `supervisorctl` the whole argv goes to that
 * command, whose help and error texts then name the path called.
 */
export async function runCli(argv: string[], io: Io, calledAs = "svisor"): Promise<number> {
  const alias = dropInName(calledAs);
  if (alias === "supervisord") {
    return (await import("../daemon/daemon_command.ts")).supervisordCommand(calledAs)(argv, io);
  }
  if (alias === "supervisorctl") {
    return (await import("../ctl/ctl_command.ts")).supervisorctlCommand(calledAs)(argv, io);
  }
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h") {
    io.out(usage());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V" || first === "version") {
    io.out(`svisor ${VERSION}\n`);
    return 0;
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.out(usage());
      return 0;
    }
    const entry = COMMANDS[topic];
    if (entry === undefined) return unknownCommand(topic, io);
    return (await entry.load())(["--help"], io);
  }
  const entry = COMMANDS[first];
  if (entry === undefined) return unknownCommand(first, io);
  return (await entry.load())(rest, io);
}

function unknownCommand(name: string, io: Io): number {
  io.err(`svisor: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")})\n`);
  return 2;
}
