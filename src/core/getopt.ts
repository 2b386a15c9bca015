/**
 * Python's `getopt.getopt` as supervisor's commands use it: short options clustered (`-nc FILE`,
 * `-cFILE`), long options with `=` or a separate value and unique prefixes, parsing stops at the
 * first word that is not an option (or after `--`). Errors carry getopt's own texts.
 */

/** One recognised option: its canonical name (`-c` or `--configuration`) and value. */
export interface GetoptOption {
  /** `-c` for short options, `--name` for long ones. */
  name: string;
  /** The value, or "" for a flag. */
  value: string;
}

/** The options in order, the remaining words, or getopt's error text. */
export type GetoptResult =
  | { ok: true; options: GetoptOption[]; rest: string[] }
  | { ok: false; message: string };

/**
 * Parses `argv` with a short spec (`"c:nh"`: a colon after a letter takes a value) and long names
 * (`"configuration="` takes a value).
 *
 * @example
 * ```ts
 * import { getopt } from "./getopt.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(getopt(["-nc", "a.conf", "--log=x", "rest"], "c:n", ["logfile=", "nodaemon"]), {
 *   ok: true,
 *   options: [{ name: "-n", value: "" }, { name: "-c", value: "a.conf" }, { name: "--logfile", value: "x" }],
 *   rest: ["rest"],
 * });
 * assert.deepEqual(getopt(["-x"], "c:n", []), { ok: false, message: "option -x not recognized" });
 * ```
 */
export function getopt(
  argv: readonly string[],
  short: string,
  long: readonly string[],
): GetoptResult {
  const options: GetoptOption[] = [];
  let i = 0;
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
      const spec = longSpec(given, long);
      if (typeof spec === "string") return { ok: false, message: spec };
      if (spec.takesValue) {
        let value: string;
        if (eq >= 0) value = word.slice(eq + 1);
        else if (i < argv.length) value = argv[i++]!;
        else return { ok: false, message: `option --${spec.name} requires argument` };
        options.push({ name: `--${spec.name}`, value });
      } else {
        if (eq >= 0) {
          return { ok: false, message: `option --${spec.name} must not have an argument` };
        }
        options.push({ name: `--${spec.name}`, value: "" });
      }
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const letter = word[j]!;
      const at = short.indexOf(letter);
      if (at < 0 || letter === ":") {
        return { ok: false, message: `option -${letter} not recognized` };
      }
      if (short[at + 1] !== ":") {
        options.push({ name: `-${letter}`, value: "" });
        continue;
      }
      let value = word.slice(j + 1);
      if (value === "") {
        if (i >= argv.length) return { ok: false, message: `option -${letter} requires argument` };
        value = argv[i++]!;
      }
      options.push({ name: `-${letter}`, value });
      break;
    }
  }
  return { ok: true, options, rest: argv.slice(i) };
}

function longSpec(
  given: string,
  long: readonly string[],
): { name: string; takesValue: boolean } | string {
  const names = long.map((n) => n.endsWith("=") ? n.slice(0, -1) : n);
  const exact = names.indexOf(given);
  const matches = names.flatMap((n, k) => (n.startsWith(given) ? [k] : []));
  const index = exact >= 0 ? exact : matches.length === 1 ? matches[0]! : -1;
  if (index < 0) {
    return matches.length === 0
      ? `option --${given} not recognized`
      : `option --${given} not a unique prefix`;
  }
  return { name: names[index]!, takesValue: long[index]!.endsWith("=") };
}
