/** The engine's TICK_* events on an injected clock: wall-clock multiples, a baseline first, all three periods. */

import assert from "node:assert/strict";
import { engineWorld } from "./engine_world.ts";

Deno.test("engine: TICK_5, TICK_60 and TICK_3600 fire on wall-clock multiples from start", async () => {
  await using w = engineWorld([]);
  // The fake clock starts on an hour boundary; move 2.5 s off it so the start is not aligned.
  await w.clock.advance(2500);
  w.engine.start();
  await w.clock.advance(3600_000);
  const ticks = w.events.flatMap((e) =>
    e.type === "TICK_5" || e.type === "TICK_60" || e.type === "TICK_3600" ? [e] : []
  );
  const of = (type: string) => ticks.filter((t) => t.type === type);
  assert.equal(of("TICK_5").length, 720);
  assert.equal(of("TICK_60").length, 60);
  assert.equal(of("TICK_3600").length, 1);
  assert.ok(ticks.every((t) => t.when % Number(t.type.slice(5)) === 0));
  const hour = of("TICK_3600")[0]!.when;
  const sameSecond = ticks.filter((t) => t.when === hour).map((t) => t.type);
  assert.deepEqual(sameSecond, ["TICK_5", "TICK_60", "TICK_3600"]);
});
