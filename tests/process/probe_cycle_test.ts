/** Tests of the pure probe cycle: schedule, READY, failures, give-up, health actions. */

import assert from "node:assert/strict";
import { newProbeCycle, type ProbeInput, probeStep } from "../../src/process/probe_cycle.ts";

const timing = { intervalMs: 1000, timeoutMs: 500, initialDelayMs: 3000, failureThreshold: 3 };

function run(mode: "readiness" | "health", inputs: ProbeInput[]) {
  let cycle = newProbeCycle();
  const out: Array<[string, number | null, string | null]> = [];
  let now = 0;
  for (const input of inputs) {
    const r = probeStep(cycle, input, { timing, mode, now: now++ });
    cycle = r.next;
    out.push([cycle.phase, r.probeInMs, r.verdict]);
  }
  return { cycle, out };
}

const fail: ProbeInput = { type: "result", ok: false, detail: "connection refused" };
const pass: ProbeInput = { type: "result", ok: true, detail: "connected" };

Deno.test("readiness: the initial delay, then every interval until the first pass", () => {
  const { cycle, out } = run("readiness", [{ type: "begin" }, fail, pass, pass]);
  assert.deepEqual(out, [
    ["probing", 3000, null],
    ["probing", 1000, "failure"],
    ["passed", null, "ready"],
    ["passed", null, null],
  ]);
  assert.equal(cycle.probes, 2);
  assert.equal(cycle.last, "connected");
});

Deno.test("readiness: gives up after failureThreshold failures in a row; 0 never gives up", () => {
  assert.deepEqual(run("readiness", [{ type: "begin" }, fail, fail, fail]).out.at(-1), [
    "failed",
    null,
    "gaveUp",
  ]);
  let cycle = probeStep(newProbeCycle(), { type: "begin" }, {
    timing: { ...timing, failureThreshold: 0 },
    mode: "readiness",
    now: 0,
  }).next;
  for (let i = 0; i < 50; i++) {
    const r = probeStep(cycle, fail, {
      timing: { ...timing, failureThreshold: 0 },
      mode: "readiness",
      now: i,
    });
    assert.equal(r.verdict, "failure");
    cycle = r.next;
  }
  assert.equal(cycle.failures, 50);
});

Deno.test("health: acts at the threshold and counts again; a pass after failures recovers", () => {
  const { out } = run("health", [{ type: "begin" }, fail, fail, fail, fail, pass, fail, pass]);
  assert.deepEqual(out.map((o) => o[2]), [
    null,
    "failure",
    "failure",
    "act",
    "failure",
    "recovered",
    "failure",
    "recovered",
  ]);
  assert.ok(out.slice(1).every((o) => o[1] === 1000));
});

Deno.test("end stops the cycle; results after it are ignored", () => {
  const { out } = run("readiness", [{ type: "begin" }, { type: "end" }, pass]);
  assert.deepEqual(out.slice(1), [["off", null, null], ["off", null, null]]);
});
