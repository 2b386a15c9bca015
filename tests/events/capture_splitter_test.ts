/** Capture mode: tokens split across reads, maxbytes, and what reaches the log. */

import { deepEqual as assertEquals } from "node:assert/strict";
import { type CapturePiece, CaptureSplitter } from "../../src/events/capture_splitter.ts";

const dec = (d: Uint8Array) => new TextDecoder().decode(d);
const show = (ps: CapturePiece[]) =>
  ps.map((p) =>
    p.kind === "comm" ? `comm:${dec(p.data)}` : `${p.captured ? "cap" : "log"}:${dec(p.data)}`
  );

Deno.test("tokens split across reads are found", () => {
  const s = new CaptureSplitter(100);
  const out: string[] = [];
  const text = "abc <!--XSUPERVISOR:BEGIN-->the block<!--XSUPERVISOR:END-->tail and more output";
  for (let i = 0; i < text.length; i += 5) {
    out.push(...show(s.feed(new TextEncoder().encode(text.slice(i, i + 5)))));
  }
  assertEquals(out.filter((x) => x.startsWith("comm:")), ["comm:the block"]);
  assertEquals(
    out.filter((x) => x.startsWith("log:")).map((x) => x.slice(4)).join(""),
    "abc ", // "tail and more output" is not longer than a token: held, as supervisord holds it,
  );
});

Deno.test("a block longer than maxbytes loses bytes from the front, as supervisor's BoundIO", () => {
  const s = new CaptureSplitter(6);
  const pieces = s.feed(
    new TextEncoder().encode("<!--XSUPERVISOR:BEGIN-->0123456789<!--XSUPERVISOR:END-->"),
  );
  assertEquals(show(pieces).filter((x) => x.startsWith("comm:")), ["comm:0123456789"]);
  const t = new CaptureSplitter(6);
  t.feed(new TextEncoder().encode(`<!--XSUPERVISOR:BEGIN-->${"a".repeat(30)}`));
  const more = t.feed(new TextEncoder().encode("0123<!--XSUPERVISOR:END-->"));
  assertEquals(show(more).filter((x) => x.startsWith("comm:")), [`comm:${"a".repeat(26)}0123`]);
});
