/** RestartTriggers on a fake clock, a fake RSS reader and a fake process: hysteresis and the cron schedule. */

import assert from "node:assert/strict";
import type { RestartPolicy } from "../../src/config/model.ts";
import { RestartTriggers } from "../../src/engine/restart_triggers.ts";
import {
  newRecord,
  type ProcessInput,
  type ProcessRecord,
} from "../../src/process/process_record.ts";
import { processConfig } from "../helpers/config_builder.ts";
import { FakeActivityLog } from "../helpers/fake_activity_log.ts";
import { FakeClock } from "../helpers/fake_clock.ts";

const MB = 1024 * 1024;
const POLICY: RestartPolicy = {
  backoffMaxMs: null,
  jitter: 0,
  forever: false,
  minUptimeMs: 0,
  startLimitBurst: 0,
  startLimitIntervalMs: 10_000,
  maxMemory: 100 * MB,
  maxMemoryIntervalMs: 1000,
  schedule: null,
};

/** A process that obeys stop and start at once and records the inputs. */
function fakeProcess(policy: Partial<RestartPolicy>) {
  const watchers = new Set<(r: ProcessRecord) => void>();
  const inputs: string[] = [];
  const p = {
    config: processConfig("web", { restartPolicy: { ...POLICY, ...policy } }),
    record: { ...newRecord(), state: "RUNNING", pid: 42 } as ProcessRecord,
    lastRequest: null as { what: string; at: number } | null,
    dispatch(input: ProcessInput) {
      inputs.push(input.type);
      const state = input.type === "stop" ? "STOPPED" : "RUNNING";
      p.record = { ...p.record, state };
      for (const w of [...watchers]) w(p.record);
    },
    watch(fn: (r: ProcessRecord) => void) {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
  };
  return { p, inputs, start: () => p.dispatch({ type: "start" }) };
}

Deno.test("max_memory: three samples over the limit restart; a dip to 95% keeps the count, below 90% resets it", async () => {
  const clock = new FakeClock();
  const log = new FakeActivityLog();
  const samples = [120, 95, 130, 80, 120, 120, 95, 120].map((n) => n * MB);
  const { p, inputs, start } = fakeProcess({});
  using _t = disposable(
    new RestartTriggers(p, { clock, log, memory: { rss: () => samples.shift() ?? 0 } }),
  );
  start(); // RUNNING: sampling begins
  inputs.length = 0;
  await clock.advance(4000); // 120, 95, 130, 80: the dip below 90% forgets the climb
  assert.deepEqual(inputs, []);
  await clock.advance(4000); // 120, 120, 95 (kept), 120: the third over the limit
  assert.deepEqual(inputs, ["stop", "start"]);
  assert.equal(p.lastRequest?.what, "a max_memory restart");
  assert.deepEqual(log.lines, [
    "WARN max_memory: web uses 120 MB, over 100 MB for 3 samples in a row, restarting",
  ]);
});

Deno.test("max_memory: nothing is sampled while the process is not RUNNING", async () => {
  const clock = new FakeClock();
  let reads = 0;
  const { p } = fakeProcess({});
  p.record = { ...p.record, state: "STOPPED" };
  using _t = disposable(
    new RestartTriggers(p, {
      clock,
      log: new FakeActivityLog(),
      memory: { rss: () => (reads++, 0) },
    }),
  );
  await clock.advance(10_000);
  assert.equal(reads, 0);
  assert.equal(clock.pending, 0);
});

Deno.test("restart_schedule: restarts at each cron time, only while RUNNING", async () => {
  const clock = new FakeClock(new Date(2026, 10, 24, 13, 0, 0).getTime()); // cron reads local time
  const log = new FakeActivityLog();
  const { p, inputs } = fakeProcess({ maxMemory: null, schedule: "30 13 * * *" });
  using _t = disposable(new RestartTriggers(p, { clock, log }));
  assert.deepEqual(clock.delays(), [30 * 60 * 1000]);
  await clock.advance(30 * 60 * 1000);
  assert.deepEqual(inputs, ["stop", "start"]);
  assert.deepEqual(log.lines, ['INFO restart_schedule: restarting web ("30 13 * * *")']);
  assert.deepEqual(clock.delays(), [24 * 3600 * 1000]);
});

function disposable(t: RestartTriggers): RestartTriggers & Disposable {
  return Object.assign(t, { [Symbol.dispose]: () => t.dispose() });
}
