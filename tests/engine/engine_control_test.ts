/** Engine start/stop/signal of names, groups and all, with supervisor's fault codes and waits. */

import assert from "node:assert/strict";
import { type FaultCode, SvisorError } from "../../src/core/errors.ts";
import { groupConfig, processConfig, programGroup } from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { engineWorld } from "./engine_world.ts";

function fault(code: FaultCode, message?: string) {
  return (e: unknown) =>
    e instanceof SvisorError && e.code === code && (message === undefined || e.message === message);
}

const manual = (name: string, o = {}) => programGroup(name, { autostart: false, ...o });

Deno.test("startProcess waits for RUNNING (about startsecs), then ALREADY_STARTED", async () => {
  await using w = engineWorld([manual("web")]);
  let done = false;
  const p = w.engine.startProcess("web").then((v) => ((done = true), v));
  await w.clock.advance(1000);
  assert.equal(done, false);
  await w.clock.advance(1);
  assert.equal((await p).statename, "RUNNING");
  await assert.rejects(w.engine.startProcess("web"), fault("ALREADY_STARTED", "web"));
  assert.equal(w.spawner.children[0]?.request.file, "/bin/web");
});

Deno.test("startProcess with wait=false returns at STARTING; startsecs=0 returns RUNNING at once", async () => {
  await using w = engineWorld([manual("a"), manual("b", { startsecs: 0 })]);
  assert.equal((await w.engine.startProcess("a", { wait: false })).statename, "STARTING");
  assert.equal((await w.engine.getProcessInfo("a")).statename, "STARTING");
  assert.equal((await w.engine.startProcess("b")).statename, "RUNNING");
  assert.equal((await w.engine.getProcessInfo("b")).statename, "RUNNING");
});

Deno.test("startProcess faults: BAD_NAME, NO_FILE, NOT_EXECUTABLE, SPAWN_ERROR, ALREADY_STARTED in BACKOFF", async () => {
  await using w = engineWorld([
    manual("web"),
    manual("missing", { command: "nothere --x" }),
    manual("dir", { command: "/srv/dir" }),
    manual("quick"),
  ], { executables: ["/bin/web", "/bin/quick"] });
  w.probe.addDirectory("/srv/dir");
  await assert.rejects(w.engine.startProcess("nope"), fault("BAD_NAME", "nope"));
  await assert.rejects(w.engine.startProcess("web:other"), fault("BAD_NAME", "web:other"));
  await assert.rejects(
    w.engine.startProcess("missing"),
    fault("NO_FILE", "can't find command 'nothere'"),
  );
  await assert.rejects(
    w.engine.startProcess("dir"),
    fault("NOT_EXECUTABLE", "command at '/srv/dir' is a directory"),
  );
  assert.equal((await w.engine.getProcessInfo("missing")).statename, "STOPPED");
  w.spawner.onSpawn = (c) => queueMicrotask(() => c.exit(0));
  await assert.rejects(w.engine.startProcess("quick"), fault("SPAWN_ERROR", "quick"));
  assert.equal((await w.engine.getProcessInfo("quick")).statename, "BACKOFF");
  await assert.rejects(w.engine.startProcess("quick"), fault("ALREADY_STARTED", "quick"));
});

Deno.test("startProcess: a spawner refusal is a SPAWN_ERROR with supervisor's spawnerr", async () => {
  await using w = engineWorld([manual("web")]);
  w.spawner.failWith = "EAGAIN";
  await assert.rejects(w.engine.startProcess("web"), fault("SPAWN_ERROR", "web"));
  const info = await w.engine.getProcessInfo("web");
  assert.equal(info.statename, "BACKOFF");
  assert.equal(info.spawnerr, "unknown error during fork for 'web': EAGAIN");
  assert.ok(w.log.lines.includes("INFO spawnerr: unknown error during fork for 'web': EAGAIN"));
});

Deno.test("startProcess: a stop during the wait is ABNORMAL_TERMINATION; an abort rejects the wait", async () => {
  await using w = engineWorld([manual("web")]);
  const p = w.engine.startProcess("web");
  await settle();
  await w.engine.stopProcess("web");
  await assert.rejects(p, fault("ABNORMAL_TERMINATION", "web"));
  const ac = new AbortController();
  const q = w.engine.startProcess("web", { signal: ac.signal });
  ac.abort(new Error("gone"));
  await assert.rejects(q, /gone/);
  assert.equal((await w.engine.getProcessInfo("web")).statename, "STARTING");
});

Deno.test("stopProcess: NOT_RUNNING when stopped; waits, logging 'waiting for' every 2 s; SIGKILL after stopwaitsecs", async () => {
  await using w = engineWorld([manual("web", { stopwaitsecs: 5, stopsignal: "INT" })]);
  await assert.rejects(w.engine.stopProcess("web"), fault("NOT_RUNNING", "web"));
  await w.engine.startProcess("web", { wait: false });
  await w.clock.advance(1001);
  const child = w.spawner.last("/bin/web");
  child.reactions["SIGINT"] = "ignore";
  w.log.clear();
  let stopped = false;
  const p = w.engine.stopProcess("web").then(() => (stopped = true));
  await w.clock.advance(4999);
  assert.equal(stopped, false);
  await w.clock.advance(1);
  await p;
  assert.deepEqual(child.signals, [["SIGINT", false], ["SIGKILL", false]]);
  assert.deepEqual(w.log.lines, [
    "DEBG killing web (pid 4242) with signal SIGINT",
    "INFO waiting for web to stop",
    "INFO waiting for web to stop",
    "INFO waiting for web to stop",
    "WARN killing 'web' (4242) with SIGKILL",
    "DEBG killing web (pid 4242) with signal SIGKILL",
    "WARN stopped: web (terminated by SIGKILL)",
  ]);
  assert.equal(w.clock.pending, 0);
});

Deno.test("stopProcess from BACKOFF: no signal, STOPPED at once, backoff kept", async () => {
  await using w = engineWorld([manual("web")]);
  w.spawner.onSpawn = (c) => queueMicrotask(() => c.exit(1));
  await assert.rejects(w.engine.startProcess("web"), fault("SPAWN_ERROR"));
  assert.equal((await w.engine.stopProcess("web")).statename, "STOPPED");
  const info = await w.engine.getProcessInfo("web");
  assert.equal(info.statename, "STOPPED");
  assert.ok(w.log.lines.includes("DEBG Attempted to kill web, which is in BACKOFF state."));
  await w.clock.advance(10_000);
  assert.equal(w.spawner.children.length, 1);
});

Deno.test("stopasgroup sends the stop signal to the process group", async () => {
  await using w = engineWorld([manual("web", { stopasgroup: true, killasgroup: true })]);
  await w.engine.startProcess("web", { wait: false });
  await w.engine.stopProcess("web");
  assert.deepEqual(w.spawner.last("/bin/web").signals, [["SIGTERM", true]]);
});

Deno.test("signalProcess: BAD_SIGNAL, NOT_RUNNING, and a signal by name or number", async () => {
  await using w = engineWorld([manual("web")]);
  await assert.rejects(w.engine.signalProcess("web", "NOPE"), fault("BAD_SIGNAL", "NOPE"));
  await assert.rejects(w.engine.signalProcess("web", "HUP"), fault("NOT_RUNNING", "web"));
  await w.engine.startProcess("web", { wait: false });
  assert.equal((await w.engine.signalProcess("web", "usr1")).statename, "STARTING");
  assert.equal((await w.engine.signalProcess("web", "12")).pid, w.spawner.last("/bin/web").pid);
  assert.deepEqual(w.spawner.last("/bin/web").signals, [["SIGUSR1", false], ["SIGUSR2", false]]);
  assert.equal((await w.engine.getProcessInfo("web")).statename, "STARTING");
});

Deno.test("group ops act on all eligible processes in one pass, then wait; results carry codes", async () => {
  await using w = engineWorld([
    groupConfig("grp", [
      processConfig("b", { priority: 2, autostart: false }),
      processConfig("a", { priority: 1, autostart: false }),
      processConfig("c", { priority: 3, autostart: false, command: "/bin/absent" }),
    ], { explicit: true }),
  ], { executables: ["/bin/a", "/bin/b"] });
  const p = w.engine.startProcessGroup("grp");
  await settle();
  assert.equal(w.spawner.children.length, 2, "both spawned before any is RUNNING");
  assert.deepEqual(w.spawner.children.map((c) => c.request.file), ["/bin/a", "/bin/b"]);
  await w.clock.advance(1001);
  assert.deepEqual(await p, [
    {
      name: "c",
      group: "grp",
      status: "NO_FILE",
      description: "NO_FILE: can't find command '/bin/absent'",
    },
    { name: "a", group: "grp", status: "SUCCESS", description: "OK" },
    { name: "b", group: "grp", status: "SUCCESS", description: "OK" },
  ]);
  assert.deepEqual(await w.engine.startProcessGroup("grp"), [
    {
      name: "c",
      group: "grp",
      status: "NO_FILE",
      description: "NO_FILE: can't find command '/bin/absent'",
    },
  ]);
  const stop = await w.engine.stopAllProcesses();
  assert.deepEqual(stop.map((r) => `${r.name} ${r.status}`), ["a SUCCESS", "b SUCCESS"]);
  await assert.rejects(w.engine.startProcessGroup("nope"), fault("BAD_NAME", "nope"));
  await assert.rejects(w.engine.startProcess("grp:*"), fault("BAD_NAME", "grp:*"));
  const all = w.engine.startProcessGroup("grp");
  await w.clock.advance(1001);
  assert.deepEqual((await all).map((r) => r.status), ["NO_FILE", "SUCCESS", "SUCCESS"]);
  assert.equal((await w.engine.getProcessInfo("grp:a")).statename, "RUNNING");
  assert.deepEqual(
    (await w.engine.signalProcessGroup("grp", "HUP")).map((r) => `${r.name} ${r.description}`),
    ["a OK", "b OK"],
  );
  assert.deepEqual(
    (await w.engine.signalAllProcesses("BOGUS")).map((r) =>
      `${r.name} ${r.status} ${r.description}`
    ),
    ["a BAD_SIGNAL BAD_SIGNAL: BOGUS", "b BAD_SIGNAL BAD_SIGNAL: BOGUS"],
  );
  await assert.rejects(w.engine.stopProcess("grp:"), fault("BAD_NAME", "grp:"));
  await w.engine.stopProcessGroup("grp");
  assert.equal((await w.engine.getProcessInfo("grp:b")).statename, "STOPPED");
});

Deno.test("startAllProcesses follows group then process priority and skips RUNNING_STATES", async () => {
  await using w = engineWorld([
    manual("z", { priority: 1 }),
    manual("y", { priority: 2 }),
    manual("x", { priority: 3 }),
  ]);
  await w.engine.startProcess("y", { wait: false });
  const p = w.engine.startAllProcesses({ wait: false });
  assert.deepEqual((await p).map((r) => r.name), ["z", "x"]);
  assert.deepEqual(w.spawner.children.map((c) => c.request.file), ["/bin/y", "/bin/z", "/bin/x"]);
});

Deno.test("getProcessInfo: BAD_NAME for g:*; the description follows the state", async () => {
  await using w = engineWorld([manual("web")]);
  await assert.rejects(w.engine.getProcessInfo("web:*"), fault("BAD_NAME", "web:*"));
  const info = await w.engine.getProcessInfo("web");
  assert.equal(info.description, "Not started");
  assert.equal(info.stdout_logfile.startsWith("/logs/web-stdout---supervisor-"), true);
  await w.engine.startProcess("web", { wait: false });
  await w.clock.advance(3_723_000);
  const running = await w.engine.getProcessInfo("web");
  assert.equal(running.description, "pid 4242, uptime 1:02:03");
  assert.equal(running.pid, 4242);
});

Deno.test("sendProcessStdin: written to the child; NOT_RUNNING when stopped; NO_FILE on a closed pipe", async () => {
  await using w = engineWorld([manual("cat")]);
  await assert.rejects(w.engine.sendProcessStdin("cat", "x"), fault("NOT_RUNNING", "cat"));
  await w.engine.startProcess("cat", { wait: false });
  await w.engine.sendProcessStdin("cat", "héllo\n");
  assert.equal(w.spawner.last("/bin/cat").stdin, "héllo\n");
  w.spawner.last("/bin/cat").stdinClosed = true;
  await assert.rejects(w.engine.sendProcessStdin("cat", "x"), fault("NO_FILE", "cat"));
});

Deno.test("the child gets supervisor's environment, argv, user and directory", async () => {
  await using w = engineWorld([
    manual("web", {
      command: "web --port 80 'a b'",
      environment: { PORT: "80", SUPERVISOR_GROUP_NAME: "mine" },
      directory: "/srv",
      user: "www-data",
      umask: 0o27,
      serverurl: "unix:///run/svisor.sock",
    }),
  ], { executables: ["/bin/web"] });
  await w.engine.startProcess("web", { wait: false });
  const r = w.spawner.last("/bin/web").request;
  assert.deepEqual(r.args, ["--port", "80", "a b"]);
  assert.equal(r.argv0, "web");
  assert.equal(r.cwd, "/srv");
  assert.equal(r.uid, 33);
  assert.equal(r.gid, 33);
  assert.equal(r.umask, 0o27);
  assert.deepEqual(r.env, {
    PATH: "/bin:/usr/bin",
    HOME: "/root",
    SUPERVISOR_ENABLED: "1",
    SUPERVISOR_SERVER_URL: "unix:///run/svisor.sock",
    SUPERVISOR_PROCESS_NAME: "web",
    SUPERVISOR_GROUP_NAME: "mine",
    PORT: "80",
  });
});
