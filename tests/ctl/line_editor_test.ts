import assert from "node:assert/strict";
import {
  applyKey,
  decodeKeys,
  type EditState,
  emptyState,
  insertCompletion,
} from "../../src/ctl/line_editor.ts";

function type(s: EditState, input: string, history: string[] = []): string[] {
  return decodeKeys(input).keys.map((k) => applyKey(s, k, history));
}

Deno.test("typing, moving and deleting", () => {
  const s = emptyState(0);
  type(s, "stus\x1b[D\x1b[Dat");
  assert.equal(s.text, "status");
  type(s, "\x05\x7f\x7f");
  assert.equal(s.text, "stat");
  type(s, "\x01\x1b[3~");
  assert.equal(s.text, "tat");
  type(s, "\x0b");
  assert.equal(s.text, "");
});

Deno.test("Ctrl-W kills a word, Ctrl-U the start of the line", () => {
  const s = emptyState(0);
  type(s, "stop grp:web\x17");
  assert.equal(s.text, "stop ");
  type(s, "x\x15");
  assert.equal(s.text, "");
});

Deno.test("Enter accepts, Ctrl-D on an empty line is end of input, Ctrl-C interrupts", () => {
  assert.deepEqual(type(emptyState(0), "a\r"), ["redraw", "accept"]);
  assert.deepEqual(type(emptyState(0), "\x04"), ["eof"]);
  assert.deepEqual(type(emptyState(0), "\x03"), ["interrupt"]);
});

Deno.test("Up and Down walk the history and come back to the draft", () => {
  const history = ["status", "stop cat"];
  const s = emptyState(history.length);
  type(s, "dr\x1b[A", history);
  assert.equal(s.text, "stop cat");
  type(s, "\x1b[A\x1b[A", history);
  assert.equal(s.text, "status");
  type(s, "\x1b[B\x1b[B", history);
  assert.equal(s.text, "dr");
});

Deno.test("an incomplete escape sequence waits for the rest", () => {
  const first = decodeKeys("a\x1b[");
  assert.equal(first.keys.length, 1);
  assert.equal(first.rest, "\x1b[");
  assert.deepEqual(decodeKeys(first.rest + "C").keys, [{ kind: "right" }]);
});

Deno.test("a completion replaces the word before the cursor", () => {
  const s = emptyState(0);
  type(s, "stop grp:w");
  insertCompletion(s, "grp:web_00 ");
  assert.equal(s.text, "stop grp:web_00 ");
  assert.equal(s.cursor, s.text.length);
});
