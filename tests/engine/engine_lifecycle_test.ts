/** Engine lifecycle with fakes: startup order, crash loop timing to FATAL, autorestart, ordered shutdown, SHUTDOWN_STATE. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import { groupConfig, processConfig, programGroup } from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { engineWorld } from "./engine_world.ts";

function spawnedNames(lines: string[]): string[] {
  return lines.flatMap((l) => {
    const m = l.match(/^INFO spawned: '(.+)' with pid \d+$/);
    return m ? [m[1] as string] : [];
  });
}

Deno.test("engine: start() autostarts by group priority then process priority, without waiting", async () => {
  await using w = engineWorld([
    programGroup("late", { priority: 900 }),
    programGroup("early", { priority: 10 }),
    programGroup("manual", { priority: 1, autostart: false }),
    groupConfig("grp", [
      processConfig("b", { priority: 20 }),
      processConfig("a", { priority: 30 }),
    ], { priority: 50, explicit: true }),
  ]);
  w.engine.start();
  assert.deepEqual(spawnedNames(w.log.lines), ["early", "b", "a", "late"]);
  assert.equal(w.spawner.children.length, 4);
  assert.deepEqual(w.events.slice(0, 5).map((e) => e.type), [
    "PROCESS_GROUP_ADDED",
    "PROCESS_GROUP_ADDED",
    "PROCESS_GROUP_ADDED",
    "PROCESS_GROUP_ADDED",
    "SUPERVISOR_STATE_CHANGE_RUNNING",
  ]);
  await w.clock.advance(1001);
  const infos = await w.engine.getAllProcessInfo();
  assert.deepEqual(infos.map((i) => `${i.group}:${i.name} ${i.statename}`), [
    "early:early RUNNING",
    "grp:a RUNNING",
    "grp:b RUNNING",
    "late:late RUNNING",
    "manual:manual STOPPED",
  ]);
  assert.ok(w.log.lines.includes(
    "INFO success: early entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
  ));
});

Deno.test("engine: a crash loop backs off 1 s, 2 s, 3 s and ends FATAL after startretries+1 spawns", async () => {
  await using w = engineWorld([programGroup("bad", { startretries: 3 })]);
  const spawnTimes: number[] = [];
  w.spawner.onSpawn = (child) => {
    spawnTimes.push(w.clock.monotonic());
    queueMicrotask(() => child.exit(1));
  };
  w.engine.start();
  await w.clock.advance(20_000);
  assert.deepEqual(spawnTimes, [0, 1000, 3000, 6000]);
  const info = await w.engine.getProcessInfo("bad");
  assert.equal(info.statename, "FATAL");
  assert.equal(info.description, "Exited too quickly (process log may have details)");
  assert.deepEqual(w.log.info, [
    "INFO spawned: 'bad' with pid 4242",
    "WARN exited: bad (exit status 1; not expected)",
    "INFO spawned: 'bad' with pid 4243",
    "WARN exited: bad (exit status 1; not expected)",
    "INFO spawned: 'bad' with pid 4244",
    "WARN exited: bad (exit status 1; not expected)",
    "INFO spawned: 'bad' with pid 4245",
    "WARN exited: bad (exit status 1; not expected)",
    "INFO gave up: bad entered FATAL state, too many start retries too quickly",
  ]);
  assert.equal(w.clock.pending, 1); // only the TICK_* timer is left
  const tries = w.events.flatMap((e) =>
    e.type === "PROCESS_STATE_BACKOFF" || e.type === "PROCESS_STATE_STARTING"
      ? [`${e.type.slice(14)} ${e.tries}`]
      : []
  );
  assert.deepEqual(tries, [
    "STARTING 0",
    "BACKOFF 1",
    "STARTING 1",
    "BACKOFF 2",
    "STARTING 2",
    "BACKOFF 3",
    "STARTING 3",
    "BACKOFF 4",
  ]);
});

Deno.test("engine: autorestart=unexpected restarts after a bad exit code, not after an expected one", async () => {
  await using w = engineWorld([programGroup("web", { exitcodes: [0, 2] })]);
  w.engine.start();
  await w.clock.advance(1001);
  w.spawner.last("/bin/web").exit(3);
  await settle();
  assert.equal(w.spawner.children.length, 2);
  assert.ok(w.log.lines.includes("WARN exited: web (exit status 3; not expected)"));
  await w.clock.advance(1001);
  w.spawner.last("/bin/web").exit(2);
  await settle();
  assert.equal(w.spawner.children.length, 2);
  const info = await w.engine.getProcessInfo("web");
  assert.equal(info.statename, "EXITED");
  assert.equal(info.exitstatus, 2);
  assert.deepEqual(w.changes().slice(-2), ["web STARTING->RUNNING", "web RUNNING->EXITED"]);
});

Deno.test("engine: death by a signal is unexpected and restarts; autorestart=false does not", async () => {
  await using w = engineWorld([
    programGroup("a"),
    programGroup("b", { autorestart: "false" }),
  ]);
  w.engine.start();
  await w.clock.advance(1001);
  w.spawner.last("/bin/a").die("SIGSEGV");
  w.spawner.last("/bin/b").exit(1);
  await settle();
  assert.ok(w.log.lines.includes("WARN exited: a (terminated by SIGSEGV; not expected)"));
  assert.equal(w.spawner.of("/bin/a").length, 2);
  assert.equal(w.spawner.of("/bin/b").length, 1);
  assert.equal((await w.engine.getProcessInfo("b")).description.length > 0, true);
});

Deno.test("engine: shutdown stops groups one at a time, highest priority first; BACKOFF gives up", async () => {
  await using w = engineWorld([
    programGroup("db", { priority: 10 }),
    programGroup("app", { priority: 20, stopwaitsecs: 5 }),
    programGroup("flaky", { priority: 5 }),
  ]);
  w.spawner.onSpawn = (child) => {
    if (child.request.file === "/bin/flaky") queueMicrotask(() => child.exit(1));
    if (child.request.file === "/bin/app") child.reactions["SIGTERM"] = "ignore";
  };
  w.engine.start();
  await w.clock.advance(1001);
  assert.equal((await w.engine.getProcessInfo("flaky")).statename, "BACKOFF");
  w.log.clear();
  const flakySpawns = w.spawner.of("/bin/flaky").length;
  const done = w.engine.shutdownProcesses();
  await settle();
  // app ignores SIGTERM: db must not be touched until app is gone.
  assert.deepEqual(w.spawner.last("/bin/db").signals, []);
  assert.deepEqual(w.log.info, ["INFO waiting for flaky, db, app to die"]);
  await w.clock.advance(3000);
  assert.ok(w.log.info.includes("INFO waiting for flaky, db, app to die"));
  await w.clock.advance(2000);
  await done;
  assert.deepEqual(w.spawner.last("/bin/app").signals, [["SIGTERM", false], ["SIGKILL", false]]);
  assert.deepEqual(w.spawner.last("/bin/db").signals, [["SIGTERM", false]]);
  const stops = w.log.info.filter((l) => /stopped|SIGKILL|FATAL/.test(l));
  assert.deepEqual(stops, [
    `WARN killing 'app' (${w.spawner.last("/bin/app").pid}) with SIGKILL`,
    "WARN stopped: app (terminated by SIGKILL)",
    "WARN stopped: db (terminated by SIGTERM)",
  ]);
  assert.deepEqual(w.changes().filter((c) => c.startsWith("flaky")).slice(-1), [
    "flaky BACKOFF->FATAL",
  ]);
  assert.equal(w.events.filter((e) => e.type === "SUPERVISOR_STATE_CHANGE_STOPPING").length, 1);
  assert.equal(w.spawner.of("/bin/flaky").length, flakySpawns);
  assert.equal(w.clock.pending, 1); // only the TICK_* timer is left
});

Deno.test("engine: while shutting down every method faults SHUTDOWN_STATE but sendRemoteCommEvent", async () => {
  await using w = engineWorld([programGroup("web")]);
  w.engine.start();
  await w.engine.shutdown();
  assert.deepEqual(w.requests, ["shutdown"]);
  const shutdownState = (e: unknown) => e instanceof SvisorError && e.code === "SHUTDOWN_STATE";
  await assert.rejects(w.engine.getAPIVersion(), shutdownState);
  await assert.rejects(w.engine.getAllProcessInfo(), shutdownState);
  await assert.rejects(w.engine.startProcess("web"), shutdownState);
  await assert.rejects(w.engine.shutdown(), shutdownState);
  await w.engine.sendRemoteCommEvent("t", "d");
  assert.equal(w.events.at(-1)?.type, "REMOTE_COMMUNICATION");
  await w.engine.shutdownProcesses();
  // The child was STARTING: stopped, and never respawned.
  assert.equal(w.spawner.children.length, 1);
  assert.deepEqual(w.spawner.children[0]?.signals, [["SIGTERM", false]]);
});

Deno.test("engine: restart() sets RESTARTING and asks the daemon; getState reports the mood", async () => {
  await using w = engineWorld([programGroup("web", { autostart: false })]);
  assert.deepEqual(await w.engine.getState(), "RUNNING");
  await w.engine.restart();
  assert.deepEqual(w.requests, ["restart"]);
  await assert.rejects(
    w.engine.getState(),
    (e) => e instanceof SvisorError && e.code === "SHUTDOWN_STATE",
  );
  await w.engine.shutdownProcesses("RESTARTING");
});

Deno.test("engine: identity methods", async () => {
  await using w = engineWorld([]);
  assert.equal(await w.engine.getAPIVersion(), "3.0");
  assert.equal(await w.engine.getSupervisorVersion(), "4.2.5");
  assert.equal(await w.engine.getIdentification(), "supervisor");
  assert.equal(await w.engine.getPID(), 999);
});

Deno.test("engine: dispose ends pending waits and leaves no timers behind", async () => {
  const w = engineWorld([programGroup("web", { stopwaitsecs: 60 })]);
  w.engine.start();
  await w.clock.advance(1001);
  w.spawner.last("/bin/web").reactions["SIGTERM"] = "ignore";
  const stopping = w.engine.stopProcess("web");
  await settle();
  assert.ok(w.clock.pending > 0);
  await w.engine[Symbol.asyncDispose]();
  await assert.rejects(stopping, /engine disposed/);
  assert.equal(w.clock.pending, 0);
  w.spawner.endAll();
  await settle();
});
