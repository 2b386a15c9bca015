/** The subcommand table: `svisor daemon | ctl | service | check | help | version`. */

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

/** Runs svisor with argv (without the program name); returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
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
