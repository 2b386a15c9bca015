/**
 * supervisorctl's command line, parsed as Python's `getopt` does: options stop at the first action
 * word, long options may be abbreviated, a repeated option is a conflict.
 */

/** The parsed command line. */
export interface CtlArgs {
  /** `-c FILE`. */
  configuration?: string;
  /** `-h`. */
  help: boolean;
  /** `-i`. */
  interactive: boolean;
  /** `-s URL`. */
  serverurl?: string;
  /** `-u USER`. */
  username?: string;
  /** `-p PASS`. */
  password?: string;
  /** `-r FILE`. */
  historyFile?: string;
  /** svisor's `--json`. */
  json: boolean;
  /** The action and its arguments (empty: the shell). */
  action: string[];
}

type Key =
  | "configuration"
  | "help"
  | "interactive"
  | "serverurl"
  | "username"
  | "password"
  | "historyFile"
  | "json";

/** One option: the setting it fills, and whether it takes a value. */
export interface Spec {
  key: Key;
  takesValue: boolean;
}

/** supervisorctl's short options. */
export const CTL_SHORT_OPTIONS: Readonly<Record<string, Spec>> = {
  c: { key: "configuration", takesValue: true },
  h: { key: "help", takesValue: false },
  "?": { key: "help", takesValue: false },
  i: { key: "interactive", takesValue: false },
  s: { key: "serverurl", takesValue: true },
  u: { key: "username", takesValue: true },
  p: { key: "password", takesValue: true },
  r: { key: "historyFile", takesValue: true },
};

/** supervisorctl's long options, and svisor's `--json`. */
export const CTL_LONG_OPTIONS: Readonly<Record<string, Spec>> = {
  configuration: CTL_SHORT_OPTIONS.c!,
  help: CTL_SHORT_OPTIONS.h!,
  interactive: CTL_SHORT_OPTIONS.i!,
  serverurl: CTL_SHORT_OPTIONS.s!,
  username: CTL_SHORT_OPTIONS.u!,
  password: CTL_SHORT_OPTIONS.p!,
  history_file: CTL_SHORT_OPTIONS.r!,
  "history-file": CTL_SHORT_OPTIONS.r!,
  json: { key: "json", takesValue: false },
};

/**
 * Parses argv (after `ctl`); returns the options or the usage error text (without `Error: `).
 *
 * @example
 * ```ts
 * import { parseCtlArgs } from "./ctl_options.ts";
 * import assert from "node:assert/strict";
 * const r = parseCtlArgs(["-c", "a.conf", "status", "-c"]);
 * assert.ok(r.ok);
 * assert.equal(r.args.configuration, "a.conf");
 * assert.deepEqual(r.args.action, ["status", "-c"]);
 * assert.deepEqual(parseCtlArgs(["-x"]), { ok: false, message: "option -x not recognized" });
 * ```
 */
export function parseCtlArgs(
  argv: readonly string[],
): { ok: true; args: CtlArgs } | { ok: false; message: string } {
  const args: CtlArgs = { help: false, interactive: false, json: false, action: [] };
  const seen = new Set<Key>();
  let i = 0;
  const set = (spec: Spec, shown: string, value: string | undefined): string | null => {
    if (spec.key === "help") {
      args.help = true;
      return null;
    }
    if (seen.has(spec.key)) return `conflicting command line option '${shown}'`;
    seen.add(spec.key);
    if (spec.key === "interactive" || spec.key === "json") {
      args[spec.key] = true;
      return null;
    }
    if (spec.key === "serverurl" && !isUrl(value!)) {
      return `invalid value for ${shown} '${value}': value '${value}' is not a URL`;
    }
    args[spec.key] = value!;
    return null;
  };
  while (i < argv.length) {
    const word = argv[i]!;
    if (word === "--") {
      i++;
      break;
    }
    if (!word.startsWith("-") || word === "-") break;
    i++;
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const given = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const names = Object.keys(CTL_LONG_OPTIONS).filter((n) => n.startsWith(given));
      const name = names.includes(given) ? given : names.length === 1 ? names[0] : undefined;
      if (names.length === 0) return { ok: false, message: `option --${given} not recognized` };
      if (name === undefined) {
        return { ok: false, message: `option --${given} not a unique prefix` };
      }
      const spec = CTL_LONG_OPTIONS[name]!;
      let value: string | undefined;
      if (spec.takesValue) {
        if (eq >= 0) value = word.slice(eq + 1);
        else if (i < argv.length) value = argv[i++];
        else return { ok: false, message: `option --${name} requires argument` };
      } else if (eq >= 0) {
        return { ok: false, message: `option --${name} must not have an argument` };
      }
      const problem = set(spec, `--${name}`, value);
      if (problem !== null) return { ok: false, message: problem };
      if (args.help) return { ok: true, args };
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const letter = word[k]!;
      const spec = CTL_SHORT_OPTIONS[letter];
      if (spec === undefined) return { ok: false, message: `option -${letter} not recognized` };
      let value: string | undefined;
      if (spec.takesValue) {
        if (k + 1 < word.length) value = word.slice(k + 1);
        else if (i < argv.length) value = argv[i++];
        else return { ok: false, message: `option -${letter} requires argument` };
        k = word.length;
      }
      const problem = set(spec, `-${letter}`, value);
      if (problem !== null) return { ok: false, message: problem };
      if (args.help) return { ok: true, args };
    }
  }
  args.action = argv.slice(i);
  return { ok: true, args };
}

/** supervisor's `url` check: a scheme, then a host or a path. */
function isUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
  if (m === null) return false;
  const rest = m[2]!;
  if (rest.startsWith("//")) return rest.length > 2;
  return rest.length > 0;
}
