/** One Clock contract, run against the FakeClock tests use and the system clock the daemon uses. */

import assert from "node:assert/strict";
import type { Clock } from "../../src/core/ports.ts";
import { systemClock } from "../../src/sys/system_clock.ts";
import { FakeClock } from "../helpers/fake_clock.ts";

/** A clock and a way to let `ms` of its time pass (the real one waits for its own timer). */
interface ClockWorld {
  clock: Clock;
  pass(ms: number): Promise<void>;
}

function clockContract(label: string, make: () => ClockWorld): void {
  Deno.test(`${label}: timers fire once each, in the order they are due`, async () => {
    const { clock, pass } = make();
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push("20"));
    clock.setTimer(0, () => fired.push("0"));
    clock.setTimer(10, () => fired.push("10"));
    clock.setTimer(-5, () => fired.push("-5 as 0"));
    await pass(30);
    assert.deepEqual(fired, ["0", "-5 as 0", "10", "20"]);
    await pass(30);
    assert.equal(fired.length, 4, "no timer fires twice");
  });

  Deno.test(`${label}: a cleared timer never fires; clearing again or after firing does nothing`, async () => {
    const { clock, pass } = make();
    const fired: string[] = [];
    const a = clock.setTimer(5, () => fired.push("a"));
    const b = clock.setTimer(1, () => fired.push("b"));
    clock.clearTimer(a);
    clock.clearTimer(a);
    await pass(10);
    clock.clearTimer(b);
    assert.deepEqual(fired, ["b"]);
  });

  Deno.test(`${label}: monotonic time never goes back; wall time is epoch ms`, async () => {
    const { clock, pass } = make();
    const before = clock.monotonic();
    await pass(5);
    assert.ok(clock.monotonic() >= before);
    assert.ok(clock.now() > Date.UTC(2020, 0, 1), "epoch milliseconds");
  });
}

clockContract("FakeClock", () => {
  const clock = new FakeClock();
  return { clock, pass: (ms) => clock.advance(ms) };
});

clockContract("systemClock", () => {
  const clock = systemClock();
  // Real time passes by waiting for a timer of the clock itself, due after the others.
  return { clock, pass: (ms) => new Promise((r) => void clock.setTimer(ms + 1, r)) };
});
