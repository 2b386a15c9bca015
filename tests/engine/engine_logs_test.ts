/** Engine output capture and log access: AUTO names, sinks, read/tail/follow/clear, events, main log. */

import assert from "node:assert/strict";
import { type FaultCode, SvisorError } from "../../src/core/errors.ts";
import { programGroup } from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { engineWorld } from "./engine_world.ts";

function fault(code: FaultCode, message?: string) {
  return (e: unknown) =>
    e instanceof SvisorError && e.code === code && (message === undefined || e.message === message);
}

const manual = (name: string, o = {}) => programGroup(name, { autostart: false, ...o });

Deno.test("output goes to AUTO logs named <name>-<channel>---<identifier>-<8 chars>.log", async () => {
  await using w = engineWorld([manual("cat")]);
  await w.engine.startProcess("cat", { wait: false });
  const child = w.spawner.last("/bin/cat");
  child.write("out 1\n");
  child.write("err 1\n", "stderr");
  child.write("out 2\n");
  await settle();
  const info = await w.engine.getProcessInfo("cat");
  assert.match(info.stdout_logfile, /^\/logs\/cat-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  assert.match(info.stderr_logfile, /^\/logs\/cat-stderr---supervisor-[a-z0-9_]{8}\.log$/);
  assert.equal(w.logs.text(info.stdout_logfile), "out 1\nout 2\n");
  assert.equal(w.logs.text(info.stderr_logfile), "err 1\n");
  assert.equal(await w.engine.readProcessLog("cat", "stdout", 0, 0), "out 1\nout 2\n");
  assert.equal(await w.engine.readProcessLog("cat", "stdout", -6, 0), "out 2\n");
  assert.equal(await w.engine.readProcessLog("cat", "stderr", 0, 3), "err");
  await assert.rejects(w.engine.readProcessLog("cat", "stdout", -1, 5), fault("BAD_ARGUMENTS"));
  assert.deepEqual(await w.engine.tailProcessLog("cat", "stdout", 0, 6), {
    text: "out 2\n",
    offset: 12,
    overflow: true,
  });
  assert.ok(w.log.lines.includes("DEBG 'cat' stdout output:\nout 1\n"));
  assert.ok(w.log.lines.includes("DEBG 'cat' stderr output:\nerr 1\n"));
});

Deno.test("redirect_stderr sends stderr into the stdout log; there is no stderr log", async () => {
  await using w = engineWorld([manual("cat", { redirectStderr: true })]);
  await w.engine.startProcess("cat", { wait: false });
  const child = w.spawner.last("/bin/cat");
  assert.equal(child.request.redirectStderr, true);
  child.write("a\n");
  child.write("b\n", "stderr");
  await settle();
  assert.equal(await w.engine.readProcessLog("cat", "stdout", 0, 0), "a\nb\n");
  assert.equal((await w.engine.getProcessInfo("cat")).stderr_logfile, "");
  await assert.rejects(w.engine.readProcessLog("cat", "stderr", 0, 0), fault("NO_FILE", "None"));
  assert.deepEqual(await w.engine.tailProcessLog("cat", "stderr", 0, 100), {
    text: "",
    offset: 0,
    overflow: false,
  });
});

Deno.test("NONE logs keep no file; explicit paths are used as given", async () => {
  await using w = engineWorld([
    manual("quiet", { stdout: { logfile: { kind: "none" } } }),
    manual("loud", { stdout: { logfile: { kind: "file", path: "/var/log/loud.log" } } }),
  ]);
  await w.engine.startAllProcesses({ wait: false });
  w.spawner.last("/bin/quiet").write("x");
  w.spawner.last("/bin/loud").write("y");
  await settle();
  assert.equal((await w.engine.getProcessInfo("quiet")).stdout_logfile, "");
  await assert.rejects(w.engine.followProcessLog("quiet", "stdout", 0), fault("NO_FILE"));
  assert.equal(w.logs.text("/var/log/loud.log"), "y");
});

Deno.test("followProcessLog: the backlog from the file, then each chunk once, until closed", async () => {
  await using w = engineWorld([manual("cat")]);
  await w.engine.startProcess("cat", { wait: false });
  const child = w.spawner.last("/bin/cat");
  child.write("0123456789");
  await settle();
  const follow = await w.engine.followProcessLog("cat", "stdout", 4);
  child.write("abc");
  child.write("d\u00e9f".slice(0, 2));
  await settle();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const text of follow) seen.push(text);
  })();
  await settle();
  follow.close();
  await reading;
  assert.deepEqual(seen, ["6789", "abc", "d\u00e9"]);
  assert.equal(w.bus.wants("PROCESS_OUTPUT"), false);
});

Deno.test("PROCESS_LOG_STDOUT events only with stdout_events_enabled", async () => {
  await using w = engineWorld([
    manual("on", { stdout: { eventsEnabled: true } }),
    manual("off"),
  ]);
  await w.engine.startAllProcesses({ wait: false });
  w.spawner.last("/bin/on").write("hello\n");
  w.spawner.last("/bin/off").write("nope\n");
  await settle();
  const logs = w.events.filter((e) => e.type === "PROCESS_LOG_STDOUT");
  assert.equal(logs.length, 1);
  assert.equal(new TextDecoder().decode((logs[0] as { data: Uint8Array }).data), "hello\n");
});

Deno.test("clearProcessLogs empties the files; clearAllProcessLogs reports each process", async () => {
  await using w = engineWorld([manual("a"), manual("b")]);
  await w.engine.startProcess("a", { wait: false });
  w.spawner.last("/bin/a").write("data");
  await settle();
  await w.engine.clearProcessLogs("a");
  assert.equal(await w.engine.readProcessLog("a", "stdout", 0, 0), "");
  await assert.rejects(w.engine.clearProcessLogs("zz"), fault("BAD_NAME", "zz"));
  assert.deepEqual(await w.engine.clearAllProcessLogs(), [
    { name: "a", group: "a", status: "SUCCESS", description: "OK" },
    { name: "b", group: "b", status: "SUCCESS", description: "OK" },
  ]);
  await w.engine.reopenLogs();
});

Deno.test("main log: readLog and tailLog through the reader, clearLog, followLog from the bus", async () => {
  let cleared = 0;
  await using w = engineWorld([], {
    deps: {
      mainLog: {
        path: "/var/log/supervisord.log",
        clear: () => {
          cleared++;
          return Promise.resolve();
        },
      },
    },
  });
  w.logs.append("/var/log/supervisord.log", new TextEncoder().encode("line one\nline two\n"));
  assert.equal(await w.engine.readLog(-9, 0), "line two\n");
  assert.deepEqual(await w.engine.tailLog(0, 9), {
    text: "line two\n",
    offset: 18,
    overflow: true,
  });
  await w.engine.clearLog();
  assert.equal(cleared, 1);
  const follow = await w.engine.followLog();
  w.bus.publish({ type: "MAIN_LOG_LINE", line: "2026-11-24 13:00:00,000 INFO hi\n" });
  const it = follow[Symbol.asyncIterator]();
  assert.deepEqual(await it.next(), { value: "2026-11-24 13:00:00,000 INFO hi\n", done: false });
  follow.close();
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

Deno.test("main log: NO_FILE without a main log file", async () => {
  await using w = engineWorld([]);
  await assert.rejects(w.engine.readLog(0, 0), fault("NO_FILE"));
  await assert.rejects(w.engine.clearLog(), fault("NO_FILE"));
});

Deno.test("a log write that fails is reported once per episode; the pipe drains; capture resumes", async () => {
  await using w = engineWorld([manual("cat")]);
  const info = await w.engine.startProcess("cat", { wait: false });
  const path = info.stdout_logfile;
  const child = w.spawner.last("/bin/cat");
  child.write("one\n");
  await settle();
  w.logs.unwritable.add(path);
  child.write("two\n");
  child.write("three\n");
  await settle();
  w.logs.unwritable.delete(path);
  child.write("four\n");
  await settle();
  assert.equal(w.logs.text(path), "one\nfour\n");
  const reports = w.log.lines.filter((l) => l.includes(`stdout log ${path}`));
  assert.equal(reports.length, 2);
  assert.match(
    reports[0]!,
    /^WARN cat: stdout log \/logs\/.*: write \(output dropped until it works again\) failed: No such file/,
  );
  assert.match(reports[1]!, /^INFO cat: stdout log \/logs\/.*: writing again$/);
  // Every chunk was read from the pipe: the in-memory tail has them all.
  assert.equal(await w.engine.readProcessLog("cat", "stdout", 0, 0), "one\nfour\n");
  assert.equal((await w.engine.tailProcessLog("cat", "stdout", 0, 100)).text, "one\nfour\n");
});

Deno.test("a log that cannot be opened at spawn fails the spawn with supervisord's message", async () => {
  await using w = engineWorld([manual("cat", { startretries: 0 })]);
  const path = (await w.engine.getProcessInfo("cat")).stdout_logfile;
  w.logs.unwritable.add(path);
  await assert.rejects(w.engine.startProcess("cat"), fault("SPAWN_ERROR", "cat"));
  const info = await w.engine.getProcessInfo("cat");
  assert.equal(info.statename, "FATAL");
  assert.equal(info.spawnerr, "unknown error making dispatchers for 'cat': ENOENT");
  assert.equal(w.spawner.children.length, 0, "no child is forked without its logs");
  assert.ok(
    w.log.lines.includes("INFO spawnerr: unknown error making dispatchers for 'cat': ENOENT"),
  );
});

Deno.test("a busy stream's pipe is widened once, on the child's own fd; quiet ones never", async () => {
  const widened: string[] = [];
  await using w = engineWorld([manual("cat"), manual("quiet")], {
    deps: {
      pipes: {
        widen: (pid, fd) => {
          widened.push(`${pid}:${fd}`);
          return 1 << 20;
        },
      },
    },
  });
  await w.engine.startProcess("cat", { wait: false });
  await w.engine.startProcess("quiet", { wait: false });
  const child = w.spawner.last("/bin/cat");
  const big = "x".repeat(40 * 1024 - 1) + "\n";
  child.write("small\n");
  child.write(big);
  child.write(big);
  child.write(big, "stderr");
  w.spawner.last("/bin/quiet").write("hello\n");
  await settle();
  assert.deepEqual(widened.sort(), [`${child.pid}:1`, `${child.pid}:2`]);
  const info = await w.engine.getProcessInfo("cat");
  assert.equal(w.logs.text(info.stdout_logfile), "small\n" + big + big);
});
