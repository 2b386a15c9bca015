/** The JSON API over a fake engine: state, processes, actions, groups, logs, config, errors. */

import assert from "node:assert/strict";
import {
  buildConfig,
  groupConfig,
  processConfig,
  programGroup,
} from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { appWorld } from "./app_world.ts";

const manual = (name: string, o = {}) => programGroup(name, { autostart: false, ...o });

Deno.test("GET /api/v1/state gives state, pid, identification, versions and start time", async () => {
  await using w = appWorld([manual("cat")], { startedAt: 1700000000 });
  const r = await w.json("GET", "/api/v1/state");
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, {
    state: "RUNNING",
    pid: 999,
    identification: "supervisor",
    apiVersion: "3.0",
    supervisorVersion: "4.2.5",
    svisorVersion: "0.1.0",
    startedAt: 1700000000,
  });
});

Deno.test("GET /api/v1/processes and /processes/:name; unknown name is a 404 with the fault", async () => {
  await using w = appWorld([manual("cat"), manual("dog")]);
  const all = await w.json("GET", "/api/v1/processes");
  assert.deepEqual(all.body.processes.map((p: { name: string }) => p.name), ["cat", "dog"]);
  const one = await w.json("GET", "/api/v1/processes/cat");
  assert.equal(one.body.process.statename, "STOPPED");
  const bad = await w.json("GET", "/api/v1/processes/foo");
  assert.equal(bad.status, 404);
  assert.deepEqual(bad.body, { error: { code: "BAD_NAME", message: "BAD_NAME: foo" } });
});

Deno.test("POST start?wait=false, stop, restart, signal of one process; conflicts are 409", async () => {
  await using w = appWorld([manual("cat", { startsecs: 0 })]);
  const started = await w.json("POST", "/api/v1/processes/cat/start?wait=false");
  assert.equal(started.status, 200);
  assert.equal(started.body.process.statename, "RUNNING");
  const again = await w.json("POST", "/api/v1/processes/cat/start");
  assert.equal(again.status, 409);
  assert.equal(again.body.error.message, "ALREADY_STARTED: cat");
  const signalled = await w.json("POST", "/api/v1/processes/cat/signal", { signal: "USR1" });
  assert.equal(signalled.status, 200);
  assert.match(String(w.spawner.last("/bin/cat").signals[0]?.[0]), /USR1/);
  const badSig = await w.json("POST", "/api/v1/processes/cat/signal", { signal: "NOPE" });
  assert.equal(badSig.status, 400);
  assert.equal(badSig.body.error.code, "BAD_SIGNAL");
  const restarted = w.json("POST", "/api/v1/processes/cat/restart");
  await settle();
  await w.clock.advance(0);
  const r = await restarted;
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.process.statename, "RUNNING");
  assert.equal(w.spawner.children.length, 2);
  const stopped = await w.json("POST", "/api/v1/processes/cat/stop");
  assert.equal(stopped.body.process.statename, "STOPPED");
  const notRunning = await w.json("POST", "/api/v1/processes/cat/stop");
  assert.equal(notRunning.status, 409);
  assert.equal(notRunning.body.error.code, "NOT_RUNNING");
});

Deno.test("groups and all: g:* under /processes, /groups/:name and /all give result arrays", async () => {
  const grp = groupConfig("web", [
    processConfig("web_0", { autostart: false, startsecs: 0 }),
    processConfig("web_1", { autostart: false, startsecs: 0 }),
  ], { explicit: true });
  await using w = appWorld([grp, manual("cat", { startsecs: 0 })], {
    executables: ["/bin/web_0", "/bin/web_1", "/bin/cat"],
  });
  const viaName = await w.json("POST", "/api/v1/processes/web:*/start");
  assert.deepEqual(viaName.body.results.map((r: { name: string }) => r.name), ["web_0", "web_1"]);
  const viaGroup = await w.json("POST", "/api/v1/groups/web/stop");
  assert.deepEqual(viaGroup.body.results.map((r: { status: string }) => r.status), [
    "SUCCESS",
    "SUCCESS",
  ]);
  const all = await w.json("POST", "/api/v1/all/start");
  assert.equal(all.body.results.length, 3);
  const noGroup = await w.json("POST", "/api/v1/groups/nope/start");
  assert.equal(noGroup.status, 404);
  const sig = await w.json("POST", "/api/v1/all/signal", { signal: "USR1" });
  assert.equal(sig.body.results.length, 3);
});

Deno.test("POST stdin writes to the process; bad JSON and missing fields are 400, big bodies 413", async () => {
  await using w = appWorld([manual("cat", { startsecs: 0 })], { maxBodyBytes: 100 });
  await w.json("POST", "/api/v1/processes/cat/start");
  const ok = await w.json("POST", "/api/v1/processes/cat/stdin", { chars: "hi\n" });
  assert.equal(ok.status, 200);
  assert.equal(w.spawner.last("/bin/cat").stdin, "hi\n");
  const badJson = await w.json("POST", "/api/v1/processes/cat/stdin", "{nope");
  assert.equal(badJson.status, 400);
  assert.equal(badJson.body.error.code, "BAD_REQUEST");
  const missing = await w.json("POST", "/api/v1/processes/cat/stdin", {});
  assert.equal(missing.status, 400);
  const array = await w.json("POST", "/api/v1/processes/cat/stdin", "[1]");
  assert.equal(array.status, 400);
  const big = await w.json("POST", "/api/v1/processes/cat/stdin", { chars: "x".repeat(200) });
  assert.equal(big.status, 413);
  const badWait = await w.json("POST", "/api/v1/processes/cat/stop?wait=maybe");
  assert.equal(badWait.status, 400);
  assert.equal((await w.engine.getProcessInfo("cat")).statename, "RUNNING");
  assert.deepEqual(w.warnings, []);
});

Deno.test("process logs: read, tail, clear; bad channel and offsets are 400; follow is SSE", async () => {
  await using w = appWorld([manual("cat", { startsecs: 0 })]);
  await w.json("POST", "/api/v1/processes/cat/start");
  const child = w.spawner.last("/bin/cat");
  child.write("one\ntwo\n");
  await settle();
  assert.deepEqual((await w.json("GET", "/api/v1/processes/cat/log/stdout")).body, {
    text: "one\ntwo\n",
  });
  assert.deepEqual(
    (await w.json("GET", "/api/v1/processes/cat/log/stdout?offset=4&length=3")).body,
    { text: "two" },
  );
  assert.deepEqual(
    (await w.json("GET", "/api/v1/processes/cat/log/stdout/tail?length=4")).body,
    { text: "two\n", offset: 8, overflow: true },
  );
  assert.equal((await w.json("GET", "/api/v1/processes/cat/log/other")).status, 400);
  assert.equal((await w.json("GET", "/api/v1/processes/cat/log/stdout?offset=x")).status, 400);
  const badArgs = await w.json("GET", "/api/v1/processes/cat/log/stdout?offset=-1&length=5");
  assert.equal(badArgs.status, 400);
  assert.equal(badArgs.body.error.code, "BAD_ARGUMENTS");

  const follow = await w.app.request("/api/v1/processes/cat/log/stdout/follow?backlog=4");
  assert.equal(follow.headers.get("content-type"), "text/event-stream; charset=utf-8");
  const reader = follow.body!.getReader();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode((await reader.read()).value), 'data: {"text":"two\\n"}\n\n');
  child.write("three\r\n");
  assert.equal(decoder.decode((await reader.read()).value), 'data: {"text":"three\\r\\n"}\n\n');
  await reader.cancel();

  const cleared = await w.json("DELETE", "/api/v1/processes/cat/logs");
  assert.deepEqual(cleared.body, { ok: true });
  assert.deepEqual((await w.json("GET", "/api/v1/processes/cat/log/stdout")).body, { text: "" });
  const clearedAll = await w.json("DELETE", "/api/v1/all/logs");
  assert.equal(clearedAll.body.results[0].status, "SUCCESS");
});

Deno.test("reread, avail, update, add and remove groups, events, reload and shutdown", async () => {
  await using w = appWorld([manual("cat"), manual("old")]);
  w.nextConfig = buildConfig([manual("cat", { command: "/bin/cat -u" }), manual("new")], {
    supervisord: { childlogdir: "/logs" },
  });
  w.probe.addExecutable("/bin/new");
  const reread = await w.json("POST", "/api/v1/reread");
  assert.deepEqual(reread.body, { added: ["new"], changed: ["cat"], removed: ["old"] });
  const avail = await w.json("GET", "/api/v1/avail");
  assert.deepEqual(avail.body.configs.map((c: { name: string }) => c.name), ["cat", "new"]);
  const update = await w.json("POST", "/api/v1/update", {});
  assert.deepEqual(update.body, {
    added: ["new"],
    changed: ["cat"],
    removed: ["old"],
    problems: [],
  });
  const names = (await w.json("GET", "/api/v1/processes")).body.processes.map((
    p: { name: string },
  ) => p.name);
  assert.deepEqual(names, ["cat", "new"]);
  assert.equal((await w.json("POST", "/api/v1/update", { groups: "x" })).status, 400);
  const onlyBad = await w.json("POST", "/api/v1/update", { groups: ["zzz"] });
  assert.deepEqual(onlyBad.body.problems, [{ group: "zzz", message: "no such group" }]);

  assert.equal((await w.json("DELETE", "/api/v1/groups/new")).status, 200);
  const added = await w.json("POST", "/api/v1/groups/new");
  assert.equal(added.status, 201);
  const twice = await w.json("POST", "/api/v1/groups/new");
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error.code, "ALREADY_ADDED");
  assert.equal((await w.json("DELETE", "/api/v1/groups/nope")).status, 404);

  assert.deepEqual((await w.json("POST", "/api/v1/events", { type: "t", data: "d" })).body, {
    ok: true,
  });
  assert.ok(w.events.some((e) => e.type === "REMOTE_COMMUNICATION"));
  assert.equal((await w.json("POST", "/api/v1/reload")).status, 202);
  const late = await w.json("POST", "/api/v1/shutdown");
  assert.equal(late.status, 503);
  assert.equal(late.body.error.code, "SHUTDOWN_STATE");
  assert.deepEqual(w.requests, ["restart"]);
});

Deno.test("unknown API routes are JSON 404s; other unknown paths are supervisor's HTML 404", async () => {
  await using w = appWorld([manual("cat")]);
  const r = await w.json("GET", "/api/v1/nope");
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, "NOT_FOUND");
  assert.equal((await w.json("PUT", "/api/v1/processes/cat/start")).status, 404);
  const html = await w.app.request("/index.htm");
  assert.equal(html.status, 404);
  assert.match(await html.text(), /Error code 404/);
});

Deno.test("POST /api/v1/shutdown asks the daemon to shut down", async () => {
  await using w = appWorld([manual("cat")]);
  assert.equal((await w.json("POST", "/api/v1/shutdown")).status, 202);
  assert.deepEqual(w.requests, ["shutdown"]);
});

Deno.test("the main log: NO_FILE without one is 404", async () => {
  await using w = appWorld([manual("cat")]);
  const r = await w.json("GET", "/api/v1/log");
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, "NO_FILE");
});
