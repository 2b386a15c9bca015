/** The listener protocol channel: READY, RESULT, FAIL, garbage and UNKNOWN, as supervisord reads a listener's stdout. */

import { deepEqual as assertEquals } from "node:assert/strict";
import { ListenerChannel, MAX_RESULT_LINE } from "../../src/events/listener_channel.ts";

const enc = (s: string) => new TextEncoder().encode(s);

function run(ch: ListenerChannel, text: string): string[] {
  return ch.feed(enc(text)).map((e) => e.type === "log" ? `${e.level} ${e.message}` : e.type);
}

Deno.test("a listener starts ACKNOWLEDGED and READY\\n makes it READY", () => {
  const ch = new ListenerChannel("lis");
  assertEquals(ch.state, "ACKNOWLEDGED");
  assertEquals(run(ch, "READ"), []);
  assertEquals(ch.state, "ACKNOWLEDGED");
  assertEquals(run(ch, "Y\n"), ["DEBG lis: ACKNOWLEDGED -> READY"]);
  assertEquals(ch.state, "READY");
});

Deno.test("OK is processed, FAIL is rejected, both go back to ACKNOWLEDGED", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  assertEquals(run(ch, "RESULT 2\nOK"), [
    "DEBG lis: event was processed",
    "DEBG lis: BUSY -> ACKNOWLEDGED",
    "processed",
  ]);
  run(ch, "READY\n");
  ch.sent();
  assertEquals(run(ch, "RESULT 4\nFA"), []);
  assertEquals(ch.state, "BUSY");
  assertEquals(run(ch, "IL"), [
    "WARN lis: event was rejected",
    "DEBG lis: BUSY -> ACKNOWLEDGED",
    "rejected",
  ]);
});

Deno.test("an answer and the next READY in one chunk are both read", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  run(ch, "RESULT 2\nOKREADY\n");
  assertEquals(ch.state, "READY");
});

Deno.test("garbage instead of READY, or unsolicited output when READY, is UNKNOWN for good", () => {
  const a = new ListenerChannel("a");
  assertEquals(run(a, "hello there\n"), [
    "DEBG a: ACKNOWLEDGED -> UNKNOWN",
    "WARN a: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol",
  ]);
  assertEquals(run(a, "READY\n"), []);
  assertEquals(a.state, "UNKNOWN");
  const b = new ListenerChannel("b");
  run(b, "READY\n");
  run(b, "x");
  assertEquals(b.state, "UNKNOWN");
});

Deno.test("a bad result line logs it, goes UNKNOWN and rejects the event", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  assertEquals(run(ch, "RESULT two\n"), [
    "WARN lis: bad result line: 'RESULT two'",
    "DEBG lis: BUSY -> UNKNOWN",
    "WARN lis: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol",
    "rejected",
  ]);
});

Deno.test("a huge RESULT length keeps the listener BUSY without keeping the bytes", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  run(ch, "RESULT 999999999999\n");
  run(ch, "x".repeat(100_000));
  assertEquals(ch.state, "BUSY");
  assertEquals(ch.pendingResultBytes, 999999999999 - 100_000);
});

Deno.test("a result line longer than any real one is judged bad instead of buffered", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  const effects = run(ch, "y".repeat(MAX_RESULT_LINE + 1));
  assertEquals(ch.state, "UNKNOWN");
  assertEquals(effects.at(-1), "rejected");
});

Deno.test("RESULT 0 with nothing after it waits, as supervisord does", () => {
  const ch = new ListenerChannel("lis");
  run(ch, "READY\n");
  ch.sent();
  assertEquals(run(ch, "RESULT 0\n"), []);
  assertEquals(ch.state, "BUSY");
});
