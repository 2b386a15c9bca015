/**
 * supervisorctl's command line and config, then one action or the interactive shell, against
 * whatever ControlService `connect` gives (remote XML-RPC in real use, a fake in tests).
 */

import type { Io } from "../core/io.ts";
import { findConfigFile } from "../config/config_search.ts";
import { CTL_DEFAULTS } from "../config/ctl_section.ts";
import { loadCtlConfig } from "../config/load_config.ts";
import type { CtlConfig } from "../config/model.ts";
import { ConfigErrors } from "../core/errors.ts";
import type { ConfigFs } from "../core/ports.ts";
import type { ProcessInfo } from "../protocol/types.ts";
import { complete } from "./completion.ts";
import { Controller } from "./controller.ts";
import type { CtlConnection, CtlSettings, LineInput } from "./ctl_context.ts";
import { parseCtlArgs } from "./ctl_options.ts";
import { CTL_USAGE } from "./help_texts.ts";
import { type InterruptSource, InterruptStack } from "./interrupts.ts";
import { runShell } from "./shell.ts";
import { plainLineInput, ttyLineInput } from "./tty_line_input.ts";

/** What `runCtl` needs from the machine; ctl_command.ts supplies the real ones. */
export interface CtlDeps {
  /** Opens a connection for the settings. */
  connect(settings: CtlSettings): CtlConnection;
  /** Where Ctrl-C comes from. */
  interrupts: InterruptSource;
  /** Config file access. */
  fs: ConfigFs;
  /** The executable's path (for the config search). */
  execPath: string;
  /** The host name (for `%(host_node_name)s`). */
  hostname: string;
  /** Whether to use the terminal line editor (stdin and stdout are terminals). */
  terminal: boolean;
}

/** Runs `svisor ctl` with argv after `ctl`; returns the exit code (the shell always gives 0). */
export async function runCtl(argv: string[], io: Io, deps: CtlDeps): Promise<number> {
  const parsed = parseCtlArgs(argv);
  if (!parsed.ok) return usageError(io, [parsed.message]);
  const args = parsed.args;
  if (args.help) {
    io.out(CTL_USAGE);
    return 0;
  }
  let config: CtlConfig = CTL_DEFAULTS;
  const file = args.configuration ??
    findConfigFile({ cwd: io.cwd, execPath: deps.execPath, exists: deps.fs.exists });
  if (file !== null) {
    try {
      const loaded = loadCtlConfig(file, {
        fs: deps.fs,
        env: io.env,
        cwd: io.cwd,
        hostname: deps.hostname,
      });
      config = loaded.supervisorctl ?? CTL_DEFAULTS;
    } catch (e) {
      if (!(e instanceof ConfigErrors)) throw e;
      return usageError(io, e.errors.map((x) => x.message));
    }
  }
  const settings: CtlSettings = {
    serverurl: args.serverurl ?? config.serverurl,
    username: args.username ?? config.username,
    password: args.password ?? config.password,
    prompt: config.prompt,
    historyFile: args.historyFile ?? config.historyFile,
    interactive: args.interactive || args.action.length === 0,
    json: args.json,
  };
  let names: ProcessInfo[] | null = null;
  const tty = deps.terminal
    ? ttyLineInput({
      historyFile: settings.historyFile,
      completer: (line, word) =>
        complete(line, word, async () =>
          names ??= await ctl.service().getAllProcessInfo().catch(() => [])),
    })
    : null;
  const input: LineInput = tty ?? plainLineInput(io);
  const ctl = new Controller(settings, {
    io,
    connect: deps.connect,
    input,
    interrupts: new InterruptStack(deps.interrupts),
  });
  try {
    if (args.action.length > 0) {
      await ctl.onecmd(args.action.join(" "));
      return ctl.exitStatus;
    }
    await runShell(ctl, (prompt, signal) => {
      names = null;
      return tty !== null ? tty.readCommand(prompt) : input.readLine(prompt, { signal });
    });
    tty?.save();
    return 0;
  } finally {
    ctl.close();
  }
}

function usageError(io: Io, messages: string[]): number {
  io.err(messages.map((m) => `Error: ${m}\n`).join("") + "For help, use svisor ctl -h\n");
  return 2;
}
