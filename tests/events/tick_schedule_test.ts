/** TICK_*: wall-clock slices, a baseline first, and one event per rollover. */

import { deepEqual as assertEquals } from "node:assert/strict";
import { TickSchedule, timeslice } from "../../src/events/tick_schedule.ts";

Deno.test("ticks fire on the multiples of their periods, not on the start time", () => {
  const t = new TickSchedule();
  assertEquals(t.advance(1_000_003_000), []);
  assertEquals(t.advance(1_000_004_900), []);
  assertEquals(t.advance(1_000_005_100).map((e) => `${e.type} ${e.when}`), ["TICK_5 1000005"]);
  assertEquals(t.advance(1_000_020_000).map((e) => `${e.type} ${e.when}`), [
    "TICK_5 1000020",
    "TICK_60 1000020",
  ]);
  assertEquals(timeslice(3600, 7199.9), 3600);
  assertEquals(TickSchedule.delayToNext(1_000_003_000), 2000);
});
