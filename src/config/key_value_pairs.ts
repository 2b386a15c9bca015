/** `environment=` values: `KEY="v",KEY2=v2`, tokenised like supervisor 4.2.5 (legacy shlex, quotes stripped). */

import type { SectionReader } from "./section_reader.ts";
import { BadValue, q } from "./value_types.ts";

const WORDCHARS = /[A-Za-z0-9_/.+\-():]/;
const WHITESPACE = " \t\r\n";

/** The pairs, in order, and anything odd that supervisor silently accepts. */
export interface KeyValuePairs {
  /** KEY to value, quotes stripped. */
  pairs: Record<string, string>;
  /** Separators that were not a comma (supervisor skips them unchecked). */
  oddSeparators: string[];
}

/**
 * Parses `KEY=v,KEY2="a, b"` the way supervisor 4.2.5 does: Python's non-POSIX `shlex` with
 * `/.+-():` added to the word characters, each value stripped of `'` and `"` at both ends, and
 * every fourth token taken as the separator without looking at it.
 *
 * @example
 * ```ts
 * import { parseKeyValuePairs } from "./key_value_pairs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseKeyValuePairs('A="x, y",B=2').pairs, { A: "x, y", B: "2" });
 * ```
 */
export function parseKeyValuePairs(text: string): KeyValuePairs {
  const tokens = legacyShlex(text);
  const pairs: Record<string, string> = {};
  const oddSeparators: string[] = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [key, eq, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (key === undefined || eq !== "=" || value === undefined) {
      throw new BadValue(
        `unexpected end of key/value pairs in ${
          q(text)
        } (expected KEY=value pairs separated by commas)`,
      );
    }
    pairs[key] = stripQuotes(value);
    const sep = tokens[i + 3];
    if (sep !== undefined && sep !== ",") oddSeparators.push(sep);
  }
  return { pairs, oddSeparators };
}

function stripQuotes(value: string): string {
  return value.replace(/^['"]+/, "").replace(/['"]+$/, "");
}

/** Python's `shlex.shlex(text)` (posix=False) token stream. */
function legacyShlex(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (WHITESPACE.includes(ch)) {
      i++;
    } else if (ch === "#") {
      i = skipLine(text, i);
    } else if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new BadValue(`no closing quotation in ${q(text)}`);
      tokens.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (WORDCHARS.test(ch)) {
      let token = "";
      while (i < text.length) {
        const c = text[i] ?? "";
        if (WORDCHARS.test(c) || c === "'" || c === '"') {
          token += c;
          i++;
        } else if (c === "#") {
          i = skipLine(text, i);
        } else {
          break;
        }
      }
      tokens.push(token);
    } else {
      tokens.push(ch);
      i++;
    }
  }
  return tokens;
}

function skipLine(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl + 1;
}

/** Parses an expanded `environment` value for a section, recording errors and odd separators. */
export function environmentPairs(reader: SectionReader, text: string): Record<string, string> {
  const parsed = reader.parse("environment", text, null, parseKeyValuePairs);
  if (parsed === null) return {};
  for (const sep of parsed.oddSeparators) {
    reader.warn(
      "environment",
      `${q(sep)} stands where a "," should separate two pairs; supervisor skips it without a check`,
    );
  }
  return parsed.pairs;
}
