/** Python's `template % mapping` string formatting, as supervisor applies it to every config value. */

/** A value a name expands to: text, or a number (`process_num`, `numprocs`). */
export type FormatValue = string | number;

/** Why a template could not be expanded: unknown names, or a malformed `%` directive. */
export class PercentFormatError extends Error {
  /** `missing`: names not available; `bad`: the template is malformed. */
  readonly kind: "missing" | "bad";
  /** The names that could not be expanded (kind `missing`), in order of appearance. */
  readonly missing: readonly string[];
  /** Builds the error; `message` describes the problem without location. */
  constructor(kind: "missing" | "bad", message: string, missing: readonly string[] = []) {
    super(message);
    this.name = "PercentFormatError";
    this.kind = kind;
    this.missing = missing;
  }
}

const SPEC_RE = /^([#0\- +]*)(\d+|\*)?(?:\.(\d+|\*))?[hlL]?(.)?/s;

/**
 * Expands `%(name)s`-style directives (with Python's flags, width, precision and conversions)
 * and `%%`; throws PercentFormatError like Python's KeyError or ValueError would.
 *
 * @example
 * ```ts
 * import { percentFormat } from "./percent_format.ts";
 * import assert from "node:assert/strict";
 * assert.equal(percentFormat("w_%(process_num)02d 100%%", { process_num: 7 }), "w_07 100%");
 * ```
 */
export function percentFormat(
  template: string,
  names: Readonly<Record<string, FormatValue>>,
): string {
  let out = "";
  const missing: string[] = [];
  let i = 0;
  while (i < template.length) {
    const pct = template.indexOf("%", i);
    if (pct < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, pct);
    let j = pct + 1;
    if (j >= template.length) throw bad("incomplete format: the value ends with a lone %");
    if (template[j] === "%") {
      out += "%";
      i = j + 1;
      continue;
    }
    if (template[j] !== "(") {
      throw bad(
        `"%${template[j]}" at index ${pct} has no (name); write %% for a literal %`,
      );
    }
    // A name in parentheses; Python counts nested parentheses.
    let depth = 1;
    let k = j + 1;
    while (k < template.length && depth > 0) {
      if (template[k] === "(") depth++;
      else if (template[k] === ")") depth--;
      k++;
    }
    if (depth > 0) throw bad(`incomplete format key: "(" at index ${j} is never closed`);
    const key = template.slice(j + 1, k - 1);
    j = k;
    const m = SPEC_RE.exec(template.slice(j));
    const type = m?.[4];
    if (m === null || type === undefined) throw bad(`incomplete format at index ${pct}`);
    if (m[2] === "*" || m[3] === "*") throw bad(`"*" wants an int, not a mapping value`);
    i = j + m[0].length;
    const value = names[key];
    if (value === undefined) {
      if (!Object.hasOwn(names, key) && !missing.includes(key)) missing.push(key);
      continue;
    }
    const width = m[2] === undefined ? 0 : Number(m[2]);
    const precision = m[3] === undefined ? undefined : Number(m[3]);
    out += convert(value, m[1] ?? "", width, precision, type, i - 1);
  }
  if (missing.length > 0) {
    throw new PercentFormatError(
      "missing",
      `unknown name${missing.length > 1 ? "s" : ""} ${missing.map((n) => `"${n}"`).join(", ")}`,
      missing,
    );
  }
  return out;
}

function bad(message: string): PercentFormatError {
  return new PercentFormatError("bad", message);
}

function convert(
  value: FormatValue,
  flags: string,
  width: number,
  precision: number | undefined,
  type: string,
  index: number,
): string {
  let body: string;
  let sign = "";
  let numeric = false;
  switch (type) {
    case "s":
      body = String(value);
      if (precision !== undefined) body = body.slice(0, precision);
      break;
    case "r":
    case "a":
      body = typeof value === "number" ? String(value) : pythonRepr(value);
      if (precision !== undefined) body = body.slice(0, precision);
      break;
    case "d":
    case "i":
    case "u":
    case "x":
    case "X":
    case "o": {
      if (typeof value !== "number") {
        const what = type === "d" || type === "i" || type === "u"
          ? "a real number is required"
          : "an integer is required";
        throw bad(`%${type} format: ${what}, not str`);
      }
      numeric = true;
      const n = Math.trunc(value);
      sign = n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      const abs = Math.abs(n);
      body = type === "x" || type === "X"
        ? abs.toString(16)
        : type === "o"
        ? abs.toString(8)
        : String(abs);
      if (type === "X") body = body.toUpperCase();
      if (precision !== undefined) body = body.padStart(precision, "0");
      if (flags.includes("#") && type !== "d" && type !== "i" && type !== "u") {
        sign += type === "o" ? "0o" : type === "x" ? "0x" : "0X";
      }
      break;
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G": {
      if (typeof value !== "number") {
        throw bad(`%${type} format: a real number is required, not str`);
      }
      numeric = true;
      sign = value < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      const abs = Math.abs(value);
      const p = precision ?? 6;
      if (type === "f" || type === "F") body = abs.toFixed(p);
      else if (type === "e" || type === "E") {
        body = abs.toExponential(p).replace(/e([+-])(\d)$/, "e$10$2");
      } else body = String(Number(abs.toPrecision(p === 0 ? 1 : p)));
      if (type === "E" || type === "G") body = body.toUpperCase();
      break;
    }
    case "c":
      body = typeof value === "number" ? String.fromCodePoint(value) : value;
      if (typeof value === "string" && [...value].length !== 1) {
        throw bad("%c requires an int or a unicode character, not a string of several characters");
      }
      break;
    default:
      throw bad(
        `unsupported format character "${type}" (0x${
          type.codePointAt(0)?.toString(16)
        }) at index ${index}`,
      );
  }
  const length = sign.length + body.length;
  if (length >= width) return sign + body;
  if (flags.includes("-")) return (sign + body).padEnd(width, " ");
  if (numeric && flags.includes("0")) return sign + body.padStart(width - sign.length, "0");
  return (sign + body).padStart(width, " ");
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
function pythonRepr(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}
