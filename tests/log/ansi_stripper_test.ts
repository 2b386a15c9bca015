/** Tests the streaming ANSI stripper against supervisor's stripEscapes rules, with sequences split across chunks. */

import assert from "node:assert/strict";
import { AnsiStripper, stripAnsi } from "../../src/log/ansi_stripper.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function streamed(chunks: string[]): string {
  const s = new AnsiStripper();
  return chunks.map((c) => dec(s.push(enc(c)))).join("") + dec(s.flush());
}

Deno.test("stripAnsi: colours, cursor moves and erase sequences go, the text stays", () => {
  assert.equal(
    dec(stripAnsi(enc("\x1b[1;31mERROR\x1b[0m: disk\x1b[2K\x1b[1A done\n"))),
    "ERROR: disk done\n",
  );
  assert.equal(dec(stripAnsi(enc("plain text\n"))), "plain text\n");
});

Deno.test("stripAnsi: an ESC not followed by [ is kept, like supervisor", () => {
  assert.equal(dec(stripAnsi(enc("a\x1bb\x1b"))), "a\x1bb\x1b");
  assert.equal(dec(stripAnsi(enc("\x1b\x1b[31mx"))), "\x1bx");
});

Deno.test("stripAnsi: everything up to the first terminator byte is hidden, as supervisor does", () => {
  // "[" then digits, ";" and "X" are not terminators; "m" is.
  assert.equal(dec(stripAnsi(enc("a\x1b[38;5;XYZmb"))), "ab");
  // An unterminated sequence hides the rest.
  assert.equal(dec(stripAnsi(enc("a\x1b[31"))), "a");
});

Deno.test("AnsiStripper: a sequence split at every position gives the same text", () => {
  const whole = "before \x1b[1;32mgreen\x1b[0m after \x1b[K end\n";
  const expected = "before green after  end\n";
  for (let cut = 0; cut <= whole.length; cut++) {
    assert.equal(streamed([whole.slice(0, cut), whole.slice(cut)]), expected, `cut at ${cut}`);
  }
  assert.equal(streamed(whole.split("")), expected);
});

Deno.test("AnsiStripper: a trailing ESC is held until the next chunk, and flush releases it", () => {
  const s = new AnsiStripper();
  assert.equal(dec(s.push(enc("abc\x1b"))), "abc");
  assert.equal(dec(s.push(enc("x"))), "\x1bx");
  assert.equal(dec(s.push(enc("\x1b"))), "");
  assert.equal(dec(s.push(new Uint8Array(0))), "");
  assert.equal(dec(s.flush()), "\x1b");
});

Deno.test("AnsiStripper: a chunk without escapes comes back as the same buffer", () => {
  const chunk = enc("no escapes here");
  assert.equal(new AnsiStripper().push(chunk), chunk);
});
