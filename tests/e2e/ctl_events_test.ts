/** `svisor ctl events` against a real daemon: the kept history as text and as JSON lines, filtered by type. */

import assert from "node:assert/strict";
import { svisorArgv, TempDaemon } from "../helpers/temp_daemon.ts";

Deno.test("ctl events: prints the kept events, filtered by type, as text or JSON lines", async () => {
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sh -c "exec sleep 1000"
startsecs=0
`);
  await d.waitForOutput(/success: web entered RUNNING state/);
  const text = await d.ctl("events", "PROCESS_STATE");
  assert.equal(text.code, 0);
  const lines = text.stdout.trim().split("\n");
  assert.match(
    lines[0]!,
    /^\d+ \S+Z PROCESS_STATE_STARTING processname:web groupname:web from_state:STOPPED tries:0$/,
  );
  assert.match(
    lines[1]!,
    /^\d+ \S+Z PROCESS_STATE_RUNNING processname:web groupname:web from_state:STARTING pid:\d+$/,
  );
  assert.equal(lines.length, 2);
  const json = await d.ctl("events", "--json");
  const types = json.stdout.trim().split("\n").map((l) => JSON.parse(l).type);
  assert.deepEqual(types.slice(0, 2), ["PROCESS_GROUP_ADDED", "SUPERVISOR_STATE_CHANGE_RUNNING"]);
  // A restart (reload) keeps the history and the ids.
  const firstId = lines[0]!.split(" ")[0];
  assert.equal((await d.ctl("reload")).code, 0);
  await d.waitForOutput(/success: web entered RUNNING state[\s\S]*success: web entered RUNNING/);
  const after = (await d.ctl("events", "PROCESS_STATE")).stdout.trim().split("\n");
  assert.equal(after[0]!.split(" ")[0], firstId);
  assert.ok(after.length >= 5, after.join("\n"));
  const bad = await d.ctl("events", "-x");
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /Error: bad argument -x/);
});

Deno.test("ctl events -f: the history, then new events as they happen, until Ctrl-C", async () => {
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sh -c "exec sleep 1000"
startsecs=0
`);
  await d.waitForOutput(/success: web entered RUNNING state/);
  const [file, ...prefix] = svisorArgv();
  const child = new Deno.Command(file!, {
    args: [...prefix, "ctl", "-c", d.conf, "events", "-f", "PROCESS_STATE"],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const until = async (pattern: RegExp) => {
    while (!pattern.test(seen)) {
      const { value, done } = await lines.read();
      if (done) throw new Error(`ctl events -f ended before ${pattern}:\n${seen}`);
      seen += value;
    }
  };
  await until(/PROCESS_STATE_RUNNING processname:web/);
  assert.equal((await d.ctl("stop", "web")).code, 0);
  await until(/PROCESS_STATE_STOPPED processname:web/);
  child.kill("SIGINT");
  await lines.cancel();
  const status = await child.status;
  assert.equal(status.code, 0);
  assert.match(seen, /PROCESS_STATE_STOPPING processname:web groupname:web from_state:RUNNING/);
});
