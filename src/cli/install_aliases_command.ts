/**
 * `svisor install-aliases DIR`: writes `supervisord` and `supervisorctl` into DIR, so scripts, init
 * files and tools that call those names run svisor as `svisor daemon` and `svisor ctl`.
 */

import type { Io } from "../core/io.ts";
import { selfCommand } from "../daemon/background.ts";

/** The help text of `svisor install-aliases`. */
export const INSTALL_ALIASES_USAGE = `Usage: svisor install-aliases [-f] DIR

Write supervisord and supervisorctl into DIR: invoked by those names, svisor runs
as 'svisor daemon' and 'svisor ctl', with their help texts naming the path called.
A compiled svisor gets symlinks to itself; under 'deno run' they are two-line
shell scripts that run main.ts with SVISOR_CALLED_AS set to the name called.

Options:
  -f, --force   replace files of those names already in DIR
  -h, --help    show this help

Exit codes:
  0  both written
  1  DIR is not a directory, or a name exists there (without -f), or a write failed
  2  bad usage
`;

/** The names written. */
export const ALIAS_NAMES = ["supervisord", "supervisorctl"] as const;

/** Runs `svisor install-aliases` with argv after the subcommand; returns the exit code. */
export async function installAliasesCommand(argv: string[], io: Io): Promise<number> {
  const force = argv.includes("-f") || argv.includes("--force");
  if (argv.includes("-h") || argv.includes("--help")) {
    io.out(INSTALL_ALIASES_USAGE);
    return 0;
  }
  const rest = argv.filter((a) => a !== "-f" && a !== "--force");
  const dir = rest[0];
  if (rest.length !== 1 || dir === undefined || dir.startsWith("-")) {
    io.err(`svisor install-aliases: expected one directory\n${INSTALL_ALIASES_USAGE}`);
    return 2;
  }
  const target = dir.startsWith("/") ? dir : `${io.cwd.replace(/\/$/, "")}/${dir}`;
  try {
    if (!(await Deno.stat(target)).isDirectory) throw new Error("not a directory");
  } catch {
    io.err(`svisor install-aliases: ${target}: not a directory\n`);
    return 1;
  }
  const self = selfCommand([]);
  const standalone = self.args.length === 0;
  for (const name of ALIAS_NAMES) {
    const path = `${target.replace(/\/$/, "")}/${name}`;
    try {
      if (await exists(path)) {
        if (!force) {
          io.err(`svisor install-aliases: ${path} exists (use -f to replace it)\n`);
          return 1;
        }
        await Deno.remove(path);
      }
      if (standalone) await Deno.symlink(self.file, path);
      else {
        await Deno.writeTextFile(path, wrapperScript(self.file, self.args), { mode: 0o755 });
        await Deno.chmod(path, 0o755);
      }
    } catch (e) {
      io.err(`svisor install-aliases: ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    io.out(`${path} -> ${standalone ? self.file : "svisor (deno run main.ts)"}\n`);
  }
  return 0;
}

/** The `deno run` wrapper: the name called reaches svisor in SVISOR_CALLED_AS (main.ts reads it). */
function wrapperScript(file: string, args: readonly string[]): string {
  const quoted = [file, ...args].map((w) => `'${w.replaceAll("'", `'\\''`)}'`).join(" ");
  return `#!/bin/sh\nSVISOR_CALLED_AS="$0" exec ${quoted} "$@"\n`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}
