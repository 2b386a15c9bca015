/** Tests the restart policy in the pure state machine: backoff cap and jitter, retry forever, min_uptime, start limit; none of it without a policy. */

import assert from "node:assert/strict";
import type { RestartPolicy } from "../../src/config/model.ts";
import {
  newRecord,
  type ProcessInput,
  type ProcessRecord,
} from "../../src/process/process_record.ts";
import { step } from "../../src/process/process_step.ts";
import { processConfig } from "../helpers/config_builder.ts";

const NONE: RestartPolicy = {
  backoffMaxMs: null,
  jitter: 0,
  forever: false,
  minUptimeMs: 0,
  startLimitBurst: 0,
  startLimitIntervalMs: 10_000,
  maxMemory: null,
  maxMemoryIntervalMs: 5000,
  schedule: null,
};

const crash: ProcessInput = { type: "exited", status: { code: 1, signal: null } };

/** Runs start, then `n` quick crashes with each backoff timer; returns the timers and the last record. */
function crashLoop(policy: Partial<RestartPolicy> | null, n: number, random = 0.5) {
  const config = processConfig("web", {
    startretries: 2,
    ...(policy === null ? {} : { restartPolicy: { ...NONE, ...policy } }),
  });
  let record: ProcessRecord = newRecord();
  let now = 0;
  const timers: number[] = [];
  const go = (input: ProcessInput) => {
    const r = step(record, input, { config, now, random });
    record = r.next;
    for (const e of r.effects) if (e.type === "setTimer" && e.kind === "backoff") timers.push(e.ms);
  };
  go({ type: "start" });
  for (let i = 0; i < n && record.state !== "FATAL"; i++) {
    go({ type: "spawned", pid: 10 + i });
    now += 100;
    go(crash);
    if (record.state !== "BACKOFF") break;
    now = record.due;
    go({ type: "timer", kind: "backoff" });
  }
  return { record, timers };
}

Deno.test("no policy: supervisord's 1 s, 2 s, then FATAL after startretries", () => {
  const { record, timers } = crashLoop(null, 10);
  assert.deepEqual(timers, [1000, 2000]);
  assert.equal(record.state, "FATAL");
});

Deno.test("retry_forever with backoff_max: never FATAL, waits capped", () => {
  const { record, timers } = crashLoop({ forever: true, backoffMaxMs: 3000 }, 6);
  assert.deepEqual(timers, [1000, 2000, 3000, 3000, 3000, 3000]);
  assert.notEqual(record.state, "FATAL");
});

Deno.test("backoff_jitter moves each wait by up to the fraction either way", () => {
  assert.deepEqual(crashLoop({ jitter: 0.5 }, 10, 0).timers, [500, 1000]);
  assert.deepEqual(crashLoop({ jitter: 0.5 }, 10, 0.999).timers, [1499, 2998]);
});

Deno.test("min_uptime: an exit soon after RUNNING counts as a failed start; a long run resets", () => {
  const config = processConfig("web", {
    startsecs: 0,
    startretries: 1,
    autorestart: "true",
    restartPolicy: { ...NONE, minUptimeMs: 5000 },
  });
  let record = newRecord();
  const at = (
    now: number,
    input: ProcessInput,
  ) => (record = step(record, input, { config, now }).next);
  at(0, { type: "start" });
  at(0, { type: "spawned", pid: 1 });
  assert.equal(record.state, "RUNNING");
  at(1000, crash);
  assert.equal(record.state, "BACKOFF");
  assert.equal(record.spawnerr, "Exited within min_uptime (5 s)");
  at(2000, { type: "timer", kind: "backoff" });
  at(2000, { type: "spawned", pid: 2 });
  at(9000, crash); // up 7 s: the count resets, restarted at once
  assert.equal(record.state, "STARTING");
  assert.equal(record.backoff, 0);
  at(9000, { type: "spawned", pid: 3 });
  at(9100, crash);
  at(10100, { type: "timer", kind: "backoff" });
  at(10100, { type: "spawned", pid: 4 });
  at(10200, crash);
  assert.equal(record.state, "FATAL");
});

Deno.test("start_limit_burst: the start over the limit goes FATAL, saying why", () => {
  const config = processConfig("web", {
    startsecs: 0,
    autorestart: "true",
    restartPolicy: { ...NONE, startLimitBurst: 2, startLimitIntervalMs: 10_000 },
  });
  let record = newRecord();
  const logs: string[] = [];
  const at = (now: number, input: ProcessInput) => {
    const r = step(record, input, { config, now });
    record = r.next;
    for (const e of r.effects) if (e.type === "log") logs.push(e.message);
  };
  at(0, { type: "start" });
  at(0, { type: "spawned", pid: 1 });
  at(1000, { type: "exited", status: { code: 0, signal: null } });
  at(1000, { type: "spawned", pid: 2 });
  at(2000, { type: "exited", status: { code: 0, signal: null } });
  assert.equal(record.state, "FATAL");
  assert.equal(record.spawnerr, "start limit hit: 2 starts within 10 s (start_limit_burst)");
  assert.equal(
    logs.at(-1),
    "gave up: web entered FATAL state, start limit hit: 2 starts within 10 s (start_limit_burst)",
  );
  at(20_000, { type: "start" });
  assert.equal(record.state, "STARTING");
});
