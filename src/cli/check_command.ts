/** `svisor check`: loads a config without starting anything, prints a summary or every error. */

import { parseArgs } from "node:util";
import type { Io } from "../core/io.ts";
import { type ConfigLocation, formatLocated } from "../core/errors.ts";
import { findConfigFile, noConfigFileMessage } from "../config/config_search.ts";
import { formatSummary } from "../config/config_summary.ts";
import { ConfigLoadErrors, loadConfig } from "../config/load_config.ts";
import type { ConfigWarning } from "../config/model.ts";
import { ConfigErrors } from "../core/errors.ts";
import { denoConfigFs } from "../sys/config_fs.ts";

/** The help text of `svisor check`. */
export const CHECK_USAGE = `Usage: svisor check [-c FILE] [--json]

Validate a config file without starting anything, and show what it resolves to:
groups and processes with expanded names and commands, log destinations, control
servers, and warnings (unknown sections and options, with "did you mean").

Options:
  -c, --configuration FILE  the config file (default: the first svisor.conf or
                            supervisord.conf in supervisord's search locations)
      --json                print the resolved model (or the errors) as JSON
  -h, --help                show this help

Exit codes:
  0  the config is valid (warnings may have been printed)
  2  the config has errors (one per line, location first), or bad usage
`;

/** Runs `svisor check` with argv after `check`; returns the exit code. */
export function checkCommand(argv: string[], io: Io): Promise<number> {
  let values: {
    configuration?: string | undefined;
    json?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    values = parseArgs({
      args: argv,
      options: {
        configuration: { type: "string", short: "c" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.err(`svisor check: ${e instanceof Error ? e.message : String(e)}\n${CHECK_USAGE}`);
    return Promise.resolve(2);
  }
  if (values.help === true) {
    io.out(CHECK_USAGE);
    return Promise.resolve(0);
  }
  const fs = denoConfigFs();
  const file = values.configuration ??
    findConfigFile({ cwd: io.cwd, execPath: Deno.execPath(), exists: fs.exists });
  if (file === null) {
    io.err(`Error: ${noConfigFileMessage(Deno.execPath())}\n`);
    return Promise.resolve(2);
  }
  try {
    const config = loadConfig(file, { fs, env: io.env, cwd: io.cwd, hostname: Deno.hostname() });
    io.out(
      values.json === true
        ? JSON.stringify(config, null, 2) + "\n"
        : formatSummary(config, { shown: file }),
    );
    return Promise.resolve(0);
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    const warnings = e instanceof ConfigLoadErrors ? e.warnings : [];
    if (values.json === true) {
      const errors = e.errors.map((x) => ({ ...x.location, message: x.message, detail: x.detail }));
      io.out(JSON.stringify({ ok: false, file, errors, warnings }, null, 2) + "\n");
    } else {
      io.err(e.errors.map((x) => `${x.message}\n`).join("") + warnings.map(warningLine).join(""));
    }
    return Promise.resolve(2);
  }
}

/** A warning as a line, location first: `file:12: warning: [program:x] comand: unknown option`. */
function warningLine(w: ConfigWarning): string {
  const loc = w.location ?? {};
  if (w.detail === undefined || loc.file === undefined) return `warning: ${w.message}\n`;
  const where = loc.line === undefined ? `${loc.file}: ` : `${loc.file}:${loc.line}: `;
  const rest: ConfigLocation = {};
  if (loc.section !== undefined) rest.section = loc.section;
  if (loc.option !== undefined) rest.option = loc.option;
  return `${where}warning: ${formatLocated(rest, w.detail)}\n`;
}
