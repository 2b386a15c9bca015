/** Tests the pure state machine cell by cell: next state, log lines (exact texts and levels), events, timers, kills. */

import assert from "node:assert/strict";
import type { ProcessConfig } from "../../src/config/model.ts";
import {
  newRecord,
  type ProcessEffect,
  type ProcessInput,
  type ProcessRecord,
} from "../../src/process/process_record.ts";
import { step, TRANSITIONS } from "../../src/process/process_step.ts";
import type { StepContext } from "../../src/process/step_draft.ts";
import { processConfig, type ProcessOverrides } from "../helpers/config_builder.ts";

const WALL = 1_795_527_000_000;

/** Feeds inputs one after the other at monotonic `now`, collecting every effect. */
function feed(
  record: ProcessRecord,
  inputs: ProcessInput[],
  ctx: Partial<StepContext> & { config?: ProcessConfig } = {},
): { next: ProcessRecord; effects: ProcessEffect[] } {
  const config = ctx.config ?? processConfig("web");
  const now = ctx.now ?? 0;
  let next = record;
  const effects: ProcessEffect[] = [];
  for (const input of inputs) {
    const r = step(next, input, { shuttingDown: false, ...ctx, config, now, wall: WALL + now });
    next = r.next;
    effects.push(...r.effects);
  }
  return { next, effects };
}

function logs(effects: ProcessEffect[]): string[] {
  return effects.flatMap((e) => e.type === "log" ? [`${e.level} ${e.message}`] : []);
}
function changes(effects: ProcessEffect[]): string[] {
  return effects.flatMap((e) => e.type === "emit" ? [`${e.change.from}->${e.change.to}`] : []);
}
function kinds(effects: ProcessEffect[]): string[] {
  return effects.map((e) =>
    e.type === "kill"
      ? `kill ${e.signal}${e.group ? " group" : ""}`
      : e.type === "setTimer"
      ? `timer ${e.kind} ${e.ms}`
      : e.type
  );
}

const conf = (o: ProcessOverrides = {}) => processConfig("web", o);

/** A record in a given state, reached through real steps. */
function reach(
  state: "STARTING" | "RUNNING" | "BACKOFF" | "STOPPING" | "EXITED" | "FATAL",
  config = conf(),
) {
  let r = feed(newRecord(), [{ type: "start" }, { type: "spawned", pid: 4242 }], { config }).next;
  if (state === "STARTING") return r;
  if (state === "BACKOFF") {
    return feed(r, [{ type: "exited", status: { code: 1, signal: null } }], { config, now: 10 })
      .next;
  }
  if (state === "FATAL") {
    const c = { ...config, startretries: 0 };
    return feed(r, [{ type: "exited", status: { code: 1, signal: null } }], { config: c, now: 10 })
      .next;
  }
  r = feed(r, [{ type: "timer", kind: "startsecs" }], { config, now: 1001 }).next;
  if (state === "RUNNING") return r;
  if (state === "STOPPING") return feed(r, [{ type: "stop" }], { config, now: 2000 }).next;
  const c = { ...config, autorestart: "false" as const };
  return feed(r, [{ type: "exited", status: { code: 0, signal: null } }], { config: c, now: 3000 })
    .next;
}

Deno.test("step: start from STOPPED goes STARTING and asks for a spawn; spawned logs the pid", () => {
  const a = feed(newRecord(), [{ type: "start" }], { now: 5 });
  assert.equal(a.next.state, "STARTING");
  assert.equal(a.next.laststart, WALL + 5);
  assert.deepEqual(kinds(a.effects), ["emit", "spawn"]);
  const b = feed(a.next, [{ type: "spawned", pid: 4242 }], { now: 6 });
  assert.equal(b.next.pid, 4242);
  assert.deepEqual(logs(b.effects), ["INFO spawned: 'web' with pid 4242"]);
  assert.deepEqual(kinds(b.effects), ["log", "timer startsecs 1001"]);
});

Deno.test("step: STARTING -> RUNNING only when up strictly longer than startsecs", () => {
  const r = reach("STARTING");
  const early = feed(r, [{ type: "timer", kind: "startsecs" }], { now: 1000 });
  assert.equal(early.next.state, "STARTING");
  assert.deepEqual(kinds(early.effects), ["timer startsecs 1"]);
  const late = feed(early.next, [{ type: "timer", kind: "startsecs" }], { now: 1001 });
  assert.equal(late.next.state, "RUNNING");
  assert.deepEqual(logs(late.effects), [
    "INFO success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
  ]);
  assert.equal(late.next.backoff, 0);
});

Deno.test("step: startsecs=0 is RUNNING as soon as the spawn succeeds", () => {
  const config = conf({ startsecs: 0 });
  const r = feed(newRecord(), [{ type: "start" }, { type: "spawned", pid: 7 }], { config });
  assert.equal(r.next.state, "RUNNING");
  assert.deepEqual(changes(r.effects), ["STOPPED->STARTING", "STARTING->RUNNING"]);
  assert.equal(
    logs(r.effects)[1],
    "INFO success: web entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
  );
});

Deno.test("step: an exit before startsecs goes to BACKOFF whatever the code, with a 1 s delay", () => {
  for (const status of [{ code: 0, signal: null }, { code: 3, signal: null }]) {
    const config = conf({ autorestart: "false", exitcodes: [0, 3] });
    const r = feed(reach("STARTING", config), [{ type: "exited", status }], { config, now: 500 });
    assert.equal(r.next.state, "BACKOFF");
    assert.equal(r.next.backoff, 1);
    assert.equal(r.next.spawnerr, "Exited too quickly (process log may have details)");
    assert.equal(r.next.exitstatus, null);
    assert.equal(r.next.pid, 0);
    assert.deepEqual(logs(r.effects), [
      `WARN exited: web (exit status ${status.code}; not expected)`,
    ]);
    assert.deepEqual(kinds(r.effects), ["cancelTimer", "emit", "log", "timer backoff 1000"]);
  }
});

Deno.test("step: backoff waits grow 1 s, 2 s, 3 s and FATAL comes after startretries+1 spawns", () => {
  const config = conf({ startretries: 3 });
  let r = newRecord();
  let now = 0;
  const delays: number[] = [];
  let spawns = 0;
  const all: string[] = [];
  for (;;) {
    const started = feed(
      r,
      r.state === "BACKOFF" ? [{ type: "timer", kind: "backoff" }] : [{
        type: "start",
      }],
      { config, now },
    );
    if (started.next.state !== "STARTING") throw new Error("did not start");
    spawns++;
    const up = feed(started.next, [{ type: "spawned", pid: 100 + spawns }], { config, now });
    now += 10;
    const died = feed(up.next, [{ type: "exited", status: { code: 1, signal: null } }], {
      config,
      now,
    });
    all.push(...logs(died.effects));
    r = died.next;
    if (r.state === "FATAL") break;
    const timer = died.effects.find((e) => e.type === "setTimer");
    assert.ok(timer?.type === "setTimer");
    delays.push(timer.ms);
    now += timer.ms;
  }
  assert.equal(spawns, 4);
  assert.deepEqual(delays, [1000, 2000, 3000]);
  assert.equal(r.backoff, 0);
  assert.equal(
    all.at(-1),
    "INFO gave up: web entered FATAL state, too many start retries too quickly",
  );
});

Deno.test("step: the STARTING and BACKOFF events carry tries, EXITED carries expected and the pid", () => {
  const r = reach("BACKOFF");
  const again = feed(r, [{ type: "timer", kind: "backoff" }], { now: 2000 });
  const starting = again.effects.find((e) => e.type === "emit");
  assert.ok(starting?.type === "emit");
  assert.deepEqual(starting.change, {
    from: "BACKOFF",
    to: "STARTING",
    expected: true,
    tries: 1,
    pid: 0,
  });
  const running = reach("RUNNING", conf({ autorestart: "false" }));
  const ex = feed(running, [{ type: "exited", status: { code: 2, signal: null } }], {
    now: 5000,
    config: conf({ autorestart: "false" }),
  });
  const exited = ex.effects.find((e) => e.type === "emit");
  assert.ok(exited?.type === "emit");
  assert.deepEqual(exited.change, {
    from: "RUNNING",
    to: "EXITED",
    expected: false,
    tries: 0,
    pid: 4242,
  });
});

Deno.test("step: a backoff timer that fires early waits for the rest", () => {
  const r = reach("BACKOFF");
  const early = feed(r, [{ type: "timer", kind: "backoff" }], { now: 400 });
  assert.equal(early.next.state, "BACKOFF");
  assert.deepEqual(kinds(early.effects), ["timer backoff 610"]);
});

Deno.test("step: spawn errors go to BACKOFF with supervisor's message, then FATAL", () => {
  const config = conf({ startretries: 1 });
  const a = feed(newRecord(), [{ type: "start" }, {
    type: "spawnFailed",
    message: "can't find command 'x'",
  }], { config });
  assert.equal(a.next.state, "BACKOFF");
  assert.equal(a.next.spawnerr, "can't find command 'x'");
  assert.deepEqual(logs(a.effects), ["INFO spawnerr: can't find command 'x'"]);
  assert.deepEqual(changes(a.effects), ["STOPPED->STARTING", "STARTING->BACKOFF"]);
  const b = feed(a.next, [{ type: "timer", kind: "backoff" }, {
    type: "spawnFailed",
    message: "can't find command 'x'",
  }], { config, now: 1000 });
  assert.equal(b.next.state, "FATAL");
  assert.deepEqual(changes(b.effects), [
    "BACKOFF->STARTING",
    "STARTING->BACKOFF",
    "BACKOFF->FATAL",
  ]);
  assert.deepEqual(logs(b.effects), [
    "INFO spawnerr: can't find command 'x'",
    "INFO gave up: web entered FATAL state, too many start retries too quickly",
  ]);
});

Deno.test("step: startretries=0 gives up after the first failed spawn", () => {
  const r = reach("FATAL");
  assert.equal(r.state, "FATAL");
  assert.equal(r.spawnerr, "Exited too quickly (process log may have details)");
});

Deno.test("step: RUNNING exits follow autorestart and exitcodes; signal death is -1 and unexpected", () => {
  const cases: Array<
    [ProcessOverrides, { code: number | null; signal: string | null }, string, boolean]
  > = [
    [
      { autorestart: "unexpected" },
      { code: 0, signal: null },
      "INFO exited: web (exit status 0; expected)",
      false,
    ],
    [
      { autorestart: "unexpected" },
      { code: 1, signal: null },
      "WARN exited: web (exit status 1; not expected)",
      true,
    ],
    [
      { autorestart: "unexpected", exitcodes: [0, 1] },
      { code: 1, signal: null },
      "INFO exited: web (exit status 1; expected)",
      false,
    ],
    [
      { autorestart: "unexpected", exitcodes: [0] },
      { code: null, signal: "SIGSEGV" },
      "WARN exited: web (terminated by SIGSEGV; not expected)",
      true,
    ],
    [
      { autorestart: "true" },
      { code: 0, signal: null },
      "INFO exited: web (exit status 0; expected)",
      true,
    ],
    [
      { autorestart: "false" },
      { code: 1, signal: null },
      "WARN exited: web (exit status 1; not expected)",
      false,
    ],
  ];
  for (const [o, status, line, restarts] of cases) {
    const config = conf(o);
    const r = feed(reach("RUNNING", config), [{ type: "exited", status }], { config, now: 9000 });
    assert.equal(logs(r.effects)[0], line);
    assert.equal(r.next.state, restarts ? "STARTING" : "EXITED", line);
    assert.equal(r.next.exitstatus, restarts ? null : status.code ?? -1);
    if (!restarts) {
      assert.equal(
        r.next.spawnerr,
        line.includes("not expected") ? `Bad exit code ${status.code ?? -1}` : null,
      );
    }
    assert.equal(kinds(r.effects).includes("spawn"), restarts);
  }
});

Deno.test("step: no autorestart, retry or autostart while shutting down", () => {
  const config = conf({ autorestart: "true" });
  const ex = feed(
    reach("RUNNING", config),
    [{ type: "exited", status: { code: 0, signal: null } }],
    {
      config,
      now: 9000,
      shuttingDown: true,
    },
  );
  assert.equal(ex.next.state, "EXITED");
  const back = feed(reach("BACKOFF"), [{ type: "timer", kind: "backoff" }], {
    now: 5000,
    shuttingDown: true,
  });
  assert.equal(back.next.state, "BACKOFF");
  assert.equal(back.effects.length, 0);
  const auto = feed(newRecord(), [{ type: "autostart" }], { shuttingDown: true });
  assert.equal(auto.next.state, "STOPPED");
});

Deno.test("step: autostart only for a never-started process with autostart=true", () => {
  assert.equal(feed(newRecord(), [{ type: "autostart" }]).next.state, "STARTING");
  assert.equal(
    feed(newRecord(), [{ type: "autostart" }], { config: conf({ autostart: false }) }).next.state,
    "STOPPED",
  );
  const stopped = feed(reach("RUNNING"), [{ type: "stop" }, {
    type: "exited",
    status: { code: null, signal: "SIGTERM" },
  }], { now: 5000 }).next;
  assert.equal(stopped.state, "STOPPED");
  assert.equal(feed(stopped, [{ type: "autostart" }]).next.state, "STOPPED");
});

Deno.test("step: stop sends stopsignal, waits stopwaitsecs, SIGKILLs, and repeats SIGKILL until reaped", () => {
  const config = conf({ stopsignal: "INT", stopwaitsecs: 5 });
  const a = feed(reach("RUNNING", config), [{ type: "stop" }], { config, now: 2000 });
  assert.equal(a.next.state, "STOPPING");
  assert.deepEqual(logs(a.effects), ["DEBG killing web (pid 4242) with signal SIGINT"]);
  assert.deepEqual(kinds(a.effects), ["log", "emit", "kill SIGINT", "timer stopwait 5000"]);
  const b = feed(a.next, [{ type: "timer", kind: "stopwait" }], { config, now: 7000 });
  assert.equal(b.next.state, "STOPPING");
  assert.deepEqual(logs(b.effects), [
    "WARN killing 'web' (4242) with SIGKILL",
    "DEBG killing web (pid 4242) with signal SIGKILL",
  ]);
  assert.deepEqual(kinds(b.effects), ["log", "log", "kill SIGKILL", "timer stopwait 5000"]);
  const c = feed(b.next, [{ type: "timer", kind: "stopwait" }], { config, now: 12000 });
  assert.deepEqual(kinds(c.effects), ["log", "log", "kill SIGKILL", "timer stopwait 5000"]);
  const d = feed(c.next, [{ type: "exited", status: { code: null, signal: "SIGKILL" } }], {
    config,
    now: 12001,
  });
  assert.equal(d.next.state, "STOPPED");
  assert.equal(d.next.exitstatus, -1);
  assert.equal(d.next.laststop, WALL + 12001);
  assert.deepEqual(logs(d.effects), ["WARN stopped: web (terminated by SIGKILL)"]);
  assert.deepEqual(kinds(d.effects), ["cancelTimer", "emit", "log"]);
});

Deno.test("step: stopasgroup signals the group; killasgroup decides for SIGKILL", () => {
  const config = conf({ stopasgroup: true, killasgroup: true, stopwaitsecs: 1 });
  const a = feed(reach("RUNNING", config), [{ type: "stop" }], { config, now: 2000 });
  assert.deepEqual(logs(a.effects), [
    "DEBG killing web (pid 4242) process group with signal SIGTERM",
  ]);
  assert.ok(kinds(a.effects).includes("kill SIGTERM group"));
  const kc = conf({ stopasgroup: false, killasgroup: true, stopwaitsecs: 1 });
  const b = feed(reach("RUNNING", kc), [{ type: "stop" }], { config: kc, now: 3000 });
  const c = feed(b.next, [{ type: "timer", kind: "stopwait" }], { config: kc, now: 4000 });
  assert.deepEqual(
    [...kinds(b.effects), ...kinds(c.effects)].filter((k) => k.startsWith("kill")),
    ["kill SIGTERM", "kill SIGKILL group"],
  );
});

Deno.test("step: stopped is INFO when the status is an exit code in exitcodes, WARN otherwise", () => {
  const a = feed(reach("STOPPING"), [{ type: "exited", status: { code: 0, signal: null } }], {
    now: 2500,
  });
  assert.deepEqual(logs(a.effects), ["INFO stopped: web (exit status 0)"]);
  const b = feed(
    reach("STOPPING"),
    [{ type: "exited", status: { code: null, signal: "SIGTERM" } }],
    { now: 2500 },
  );
  assert.deepEqual(logs(b.effects), ["WARN stopped: web (terminated by SIGTERM)"]);
});

Deno.test("step: stop from STARTING cancels the startsecs timer", () => {
  const a = feed(reach("STARTING"), [{ type: "stop" }], { now: 100 });
  assert.equal(a.next.state, "STOPPING");
  assert.equal(a.next.timer, "stopwait");
  const stale = feed(a.next, [{ type: "timer", kind: "startsecs" }], { now: 1001 });
  assert.equal(stale.next, a.next);
});

Deno.test("step: stop from BACKOFF sends nothing, goes STOPPED and keeps the backoff count", () => {
  const r = reach("BACKOFF");
  const a = feed(r, [{ type: "stop" }], { now: 100 });
  assert.equal(a.next.state, "STOPPED");
  assert.equal(a.next.backoff, 1);
  assert.deepEqual(logs(a.effects), ["DEBG Attempted to kill web, which is in BACKOFF state."]);
  assert.deepEqual(kinds(a.effects), ["log", "cancelTimer", "emit"]);
  const again = feed(a.next, [{ type: "start" }, { type: "spawned", pid: 5 }, {
    type: "exited",
    status: { code: 1, signal: null },
  }], { now: 200 });
  assert.equal(again.next.backoff, 2);
  assert.ok(kinds(again.effects).includes("timer backoff 2000"));
});

Deno.test("step: give up turns BACKOFF into FATAL without a log line", () => {
  const a = feed(reach("BACKOFF"), [{ type: "giveUp" }], { now: 100 });
  assert.equal(a.next.state, "FATAL");
  assert.equal(a.next.backoff, 0);
  assert.deepEqual(logs(a.effects), []);
});

Deno.test("step: an exit after startsecs but before the timer counts as RUNNING then EXITED", () => {
  const r = feed(reach("STARTING"), [{ type: "exited", status: { code: 0, signal: null } }], {
    now: 1000,
  });
  assert.deepEqual(changes(r.effects), ["STARTING->RUNNING", "RUNNING->EXITED"]);
  assert.deepEqual(logs(r.effects), ["INFO exited: web (exit status 0; expected)"]);
});

Deno.test("step: signal sends to the pid alone and keeps the state", () => {
  const a = feed(reach("RUNNING"), [{ type: "signal", signal: "HUP" }], { now: 3000 });
  assert.equal(a.next.state, "RUNNING");
  assert.deepEqual(logs(a.effects), ["DEBG sending web (pid 4242) sig SIGHUP"]);
  assert.deepEqual(kinds(a.effects), ["log", "kill SIGHUP"]);
});

Deno.test("step: a failed kill leads to UNKNOWN; a later reap forgets the pid", () => {
  const a = feed(reach("RUNNING"), [{ type: "stop" }, { type: "killFailed", message: "EPERM" }], {
    now: 3000,
  });
  assert.equal(a.next.state, "UNKNOWN");
  assert.equal(logs(a.effects)[1], "CRIT unknown problem killing web (4242):EPERM");
  const b = feed(a.next, [{ type: "exited", status: { code: 0, signal: null } }], { now: 4000 });
  assert.equal(b.next.state, "UNKNOWN");
  assert.equal(b.next.pid, 0);
});

Deno.test("step: EXITED and FATAL start again; RPC-only inputs do nothing elsewhere", () => {
  assert.equal(feed(reach("EXITED"), [{ type: "start" }]).next.state, "STARTING");
  assert.equal(feed(reach("FATAL"), [{ type: "start" }]).next.state, "STARTING");
  const running = reach("RUNNING");
  for (
    const input of [{ type: "start" }, { type: "autostart" }, { type: "giveUp" }] as ProcessInput[]
  ) {
    const r = step(running, input, { config: conf(), now: 0 });
    assert.equal(r.next, running);
    assert.deepEqual(r.effects, []);
  }
});

Deno.test("step: the table has a row for every state", () => {
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [
    "BACKOFF",
    "EXITED",
    "FATAL",
    "RUNNING",
    "STARTING",
    "STOPPED",
    "STOPPING",
    "UNKNOWN",
  ]);
});
