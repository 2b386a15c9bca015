/** Python's `repr()` of a str, which supervisor uses to quote commands in spawn errors (`%r`). */

/**
 * Quotes a string the way Python 3's `repr(str)` does: single quotes unless the text holds a single
 * quote and no double quote; backslash, the chosen quote and control characters escaped.
 *
 * @example
 * ```ts
 * import { pyRepr } from "./py_repr.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pyRepr("x"), "'x'");
 * assert.equal(pyRepr("it's"), `"it's"`);
 * assert.equal(pyRepr("a\tb"), "'a\\tb'");
 * ```
 */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}
