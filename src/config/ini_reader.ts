/** Reads Python ConfigParser's dialect as supervisor configures it, keeping the line of every option. */

/** One `name = value` option as read, with where it was written. */
export interface IniOption {
  /** The option name, lower-cased (ConfigParser's `optionxform`). */
  name: string;
  /** The value, continuation lines joined with `\n`, inline comments removed. */
  value: string;
  /** The file it was read from. */
  file: string;
  /** The 1-based line of the `name = value` line. */
  line: number;
}

/** One `[section]` header and the options under it, in file order. */
export interface IniChunk {
  /** The section name exactly as written between the brackets (case-sensitive). */
  name: string;
  /** The file of the header. */
  file: string;
  /** The 1-based line of the header. */
  line: number;
  /** The options under this header, in order (a repeated option appears once, last value). */
  options: IniOption[];
}

/** A line the reader could not understand. */
export interface IniSyntaxError {
  /** The file. */
  file: string;
  /** The 1-based line. */
  line: number;
  /** What is wrong. */
  detail: string;
}

/** What one file holds: its sections in order, and its syntax errors. */
export interface IniFile {
  /** The sections, in file order (a repeated header gives a second chunk). */
  chunks: IniChunk[];
  /** Lines that could not be read. */
  errors: IniSyntaxError[];
}

const INLINE_PREFIXES = [";", "#"];
const SECTION_RE = /^\[(.+)\]/;
const OPTION_RE = /^(.*?)\s*([=:])\s*(.*)$/s;

/**
 * Parses one file's text the way supervisor's `RawConfigParser` does: `;`/`#` comment lines,
 * inline comments only after whitespace, indented continuation lines, `=` or `:` delimiters,
 * lower-cased option names, case-sensitive section names.
 *
 * @example
 * ```ts
 * import { parseIni } from "./ini_reader.ts";
 * import assert from "node:assert/strict";
 * const ini = parseIni("[program:a]\nCommand = /bin/cat ; comment\n  --more\n", "a.conf");
 * assert.deepEqual(ini.chunks[0]?.options[0], {
 *   name: "command", value: "/bin/cat\n--more", file: "a.conf", line: 2,
 * });
 * ```
 */
export function parseIni(text: string, file: string): IniFile {
  const chunks: IniChunk[] = [];
  const errors: IniSyntaxError[] = [];
  let chunk: IniChunk | null = null;
  let option: { parts: string[]; target: IniOption } | null = null;
  let indentLevel = 0;
  let missingHeaderReported = false;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const finish = () => {
    if (option !== null) option.target.value = option.parts.join("\n").trimEnd();
  };
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const commentStart = findCommentStart(raw);
    const value = raw.slice(0, commentStart ?? raw.length).trim();
    if (value === "") {
      // An empty line (not a comment) belongs to the value being read.
      if (commentStart === null && chunk !== null && option !== null) option.parts.push("");
      return;
    }
    const indent = raw.search(/\S/);
    if (chunk !== null && option !== null && indent > indentLevel) {
      option.parts.push(value);
      return;
    }
    indentLevel = indent;
    const header = SECTION_RE.exec(value);
    if (header !== null) {
      finish();
      option = null;
      chunk = { name: header[1] ?? "", file, line: lineNo, options: [] };
      chunks.push(chunk);
      return;
    }
    if (chunk === null) {
      if (!missingHeaderReported) {
        errors.push({
          file,
          line: lineNo,
          detail: `${quote(raw.trim())} comes before any [section] header`,
        });
        missingHeaderReported = true;
      }
      return;
    }
    const m = OPTION_RE.exec(value);
    const name = m?.[1]?.trimEnd() ?? "";
    if (m === null || name === "") {
      errors.push({
        file,
        line: lineNo,
        detail: m === null
          ? `cannot parse ${
            quote(value)
          }: expected "name = value" (or an indented continuation line)`
          : `cannot parse ${quote(value)}: the option has no name`,
      });
      return;
    }
    finish();
    const current: IniChunk = chunk;
    const target: IniOption = { name: name.toLowerCase(), value: "", file, line: lineNo };
    const existing = current.options.findIndex((o) => o.name === target.name);
    if (existing >= 0) current.options.splice(existing, 1);
    current.options.push(target);
    option = { parts: [(m[3] ?? "").trim()], target };
  });
  finish();
  return { chunks, errors };
}

/**
 * Where a comment starts on a raw line, or null: a full-line comment, or `;`/`#` after whitespace.
 * Like ConfigParser, it advances every prefix one occurrence per round and stops at the first round
 * where any occurrence qualifies.
 */
function findCommentStart(line: string): number | null {
  const stripped = line.trim();
  if (stripped.startsWith(";") || stripped.startsWith("#")) return 0;
  let positions = new Map(INLINE_PREFIXES.map((p) => [p, -1]));
  while (positions.size > 0) {
    let best: number | null = null;
    const next = new Map<string, number>();
    for (const [prefix, from] of positions) {
      const index = line.indexOf(prefix, from + 1);
      if (index < 0) continue;
      next.set(prefix, index);
      if (index === 0 || /\s/.test(line[index - 1] ?? "")) {
        best = best === null ? index : Math.min(best, index);
      }
    }
    if (best !== null) return best;
    positions = next;
  }
  return null;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
