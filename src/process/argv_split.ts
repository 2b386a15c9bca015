/** Splits a command line into argv like Python's `shlex.split` (POSIX rules, no shell, no comments). */

/** A command line that cannot be split; `message` is shlex's text (`No closing quotation`). */
export class ArgvSplitError extends Error {
  /** Builds the error with shlex's message. */
  constructor(message: string) {
    super(message);
    this.name = "ArgvSplitError";
  }
}

const WHITESPACE = " \t\r\n";

/**
 * Splits like `shlex.split(text)`: whitespace separates words; single quotes keep everything;
 * double quotes let a backslash escape only `"` and `\`; outside quotes a backslash escapes any
 * character; `''` is an empty word; adjacent quoted parts join one word.
 *
 * @example
 * ```ts
 * import { splitArgv } from "./argv_split.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitArgv(`sh -c "echo 'hi there'" ''`), ["sh", "-c", "echo 'hi there'", ""]);
 * assert.deepEqual(splitArgv(String.raw`a\ b "c\d" "e\"f"`), ["a b", String.raw`c\d`, `e"f`]);
 * ```
 */
export function splitArgv(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false; // a word has begun (possibly empty, when quoted)
  let quote: "'" | '"' | null = null;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\") {
        const next = chars[++i];
        if (next === undefined) throw new ArgvSplitError("No escaped character");
        if (next !== '"' && next !== "\\") word += "\\";
        word += next;
      } else word += ch;
    } else if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\") {
      const next = chars[++i];
      if (next === undefined) throw new ArgvSplitError("No escaped character");
      word += next;
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) throw new ArgvSplitError("No closing quotation");
  if (inWord) words.push(word);
  return words;
}
