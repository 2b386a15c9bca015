/** Tests of the log-line readiness matcher. */

import assert from "node:assert/strict";
import { LineMatcher, MAX_PARTIAL } from "../../src/process/line_matcher.ts";

const te = new TextEncoder();

Deno.test("a line split across chunks, and across a multi-byte character, still matches", () => {
  const m = new LineMatcher(/^prêt$/);
  const bytes = te.encode("boot\npr\u00eat\n");
  const cut = bytes.indexOf(0xc3) + 1;
  assert.equal(m.feed(bytes.subarray(0, cut)), false);
  assert.equal(m.feed(bytes.subarray(cut)), true);
});

Deno.test("the partial line stays bounded; a huge line is checked in pieces", () => {
  const m = new LineMatcher(/READY/);
  assert.equal(m.feed(te.encode("x".repeat(MAX_PARTIAL * 2))), false);
  assert.equal(m.feed(te.encode("READY")), false);
  assert.equal(m.feed(te.encode("\n")), true);
});

Deno.test("reset forgets a match (a new child must say it again)", () => {
  const m = new LineMatcher(/ok/g);
  assert.equal(m.feed(te.encode("ok\n")), true);
  m.reset();
  assert.equal(m.matched, false);
  assert.equal(m.feed(te.encode("no\n")), false);
});
