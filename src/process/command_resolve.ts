/** Turns a program's command into an executable path and argv, with supervisor's pre-spawn checks. */

import { SvisorError } from "../core/errors.ts";
import type { FileProbe } from "../core/ports.ts";
import { ArgvSplitError, splitArgv } from "./argv_split.ts";
import { pyRepr } from "../protocol/py_repr.ts";

/** A command ready to run: the file to execute and the whole argv (argv[0] as written). */
export interface ResolvedCommand {
  /** The path that was found (absolute when found on PATH, else as written). */
  file: string;
  /** argv including argv[0]. */
  argv: string[];
}

/** supervisor's PATH when neither the program's environment nor the daemon's has one. */
export const DEFAULT_PATH = "/bin:/usr/bin:/usr/local/bin";

/** Options of resolveCommand. */
export interface ResolveOptions {
  /** Looks at candidate paths. */
  probe: FileProbe;
  /** The PATH to search: the program's `environment` PATH, else the daemon's, else DEFAULT_PATH. */
  path: string;
}

/**
 * Splits and resolves a command. A name without `/` is searched in `path` (the first entry that
 * exists wins, even a directory); then the found path is checked. Throws SvisorError NO_FILE
 * (`can't find command 'x'`) or NOT_EXECUTABLE (`command at '/x' is a directory`, `command at '/x'
 * is not executable`, `command is empty`, `can't parse command 'x': No closing quotation`).
 *
 * @example
 * ```ts
 * import { resolveCommand } from "./command_resolve.ts";
 * import assert from "node:assert/strict";
 * const probe = {
 *   probe: (p: string) => p === "/usr/bin/cat" ? { isFile: true, isDirectory: false, executable: true } : null,
 * };
 * assert.deepEqual(resolveCommand("cat -n", { probe, path: "/bin:/usr/bin" }), {
 *   file: "/usr/bin/cat",
 *   argv: ["cat", "-n"],
 * });
 * assert.throws(() => resolveCommand("nope", { probe, path: "/bin" }), /can't find command 'nope'/);
 * ```
 */
export function resolveCommand(command: string, options: ResolveOptions): ResolvedCommand {
  let argv: string[];
  try {
    argv = splitArgv(command);
  } catch (e) {
    const why = e instanceof ArgvSplitError ? e.message : String(e);
    throw new SvisorError("NOT_EXECUTABLE", `can't parse command ${pyRepr(command)}: ${why}`);
  }
  const program = argv[0];
  if (program === undefined) throw new SvisorError("NOT_EXECUTABLE", "command is empty");
  let file = program;
  let facts = null;
  if (program.includes("/")) {
    facts = options.probe.probe(program);
  } else {
    for (const dir of options.path.split(":")) {
      const candidate = joinPath(dir, program);
      facts = options.probe.probe(candidate);
      if (facts !== null) {
        file = candidate;
        break;
      }
    }
  }
  if (facts === null) throw new SvisorError("NO_FILE", `can't find command ${pyRepr(file)}`);
  if (facts.isDirectory) {
    throw new SvisorError("NOT_EXECUTABLE", `command at ${pyRepr(file)} is a directory`);
  }
  if (!facts.executable) {
    throw new SvisorError("NOT_EXECUTABLE", `command at ${pyRepr(file)} is not executable`);
  }
  return { file, argv };
}

/** The PATH supervisor searches for a program: its environment's, else the daemon's, else the default. */
export function searchPath(
  programEnv: Readonly<Record<string, string>>,
  daemonEnv: Readonly<Record<string, string>>,
): string {
  const own = programEnv["PATH"];
  if (own !== undefined) return own;
  const daemon = daemonEnv["PATH"];
  return daemon !== undefined && daemon !== "" ? daemon : DEFAULT_PATH;
}

function joinPath(dir: string, name: string): string {
  if (dir === "") return name;
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}
