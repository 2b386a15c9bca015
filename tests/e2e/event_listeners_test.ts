/**
 * Event listeners against a real daemon, written with the Debian supervisor package's own
 * `supervisor.childutils` (tests/fixtures/events/recorder.py, run by /usr/bin/python3): every
 * event type, a listener dying mid-event, bad listeners, and a listener that shuts the daemon
 * down over XML-RPC when a program goes FATAL.
 */

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const RECORDER = new URL("../fixtures/events/recorder.py", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const childutils = existsSync(PYTHON) &&
  new Deno.Command(PYTHON, { args: ["-c", "import supervisor.childutils"] }).outputSync().success;
const ignore = !childutils;
if (ignore) console.log("skipped: /usr/bin/python3 with supervisor.childutils is not installed");

const recorder = (out: string, extra = "") => `${PYTHON} ${RECORDER} --out ${out} ${extra}`;

/** Calls an XML-RPC method with supervisor's own client over the daemon's socket. */
async function rpc(dir: string, call: string): Promise<string> {
  const script = `
from supervisor import childutils
rpc = childutils.getRPCInterface({"SUPERVISOR_SERVER_URL": "unix://${dir}/svisor.sock"})
print(rpc.supervisor.${call})
`;
  const out = await new Deno.Command(PYTHON, { args: ["-c", script] }).output();
  return new TextDecoder().decode(out.stdout).trim() + new TextDecoder().decode(out.stderr);
}

function names(text: string): Set<string> {
  return new Set(text.split("\n").filter((l) => l !== "").map((l) => l.split(" ")[0]!));
}

Deno.test({
  name: "events: a childutils listener gets every event type supervisord emits",
  ignore,
  fn: async () => {
    const d = await TempDaemon.start(
      `
[eventlistener:lis]
command=${recorder("{{dir}}/events.txt")}
events=EVENT

[program:talk]
command=/bin/sh -c "sleep 1.5; echo out-line-long-enough-to-log-at-once; echo '<!--XSUPERVISOR:BEGIN-->out block<!--XSUPERVISOR:END-->'; echo err-line-long-enough-to-log-at-once >&2; echo '<!--XSUPERVISOR:BEGIN-->err block<!--XSUPERVISOR:END-->' >&2; sleep 1000"
stdout_capture_maxbytes=1KB
stderr_capture_maxbytes=1KB
stdout_events_enabled=true
stderr_events_enabled=true

[program:quit]
command=/bin/sh -c "sleep 2"
startsecs=1
autorestart=false

[program:bad]
command=/bin/false
startretries=0

[program:keep]
command=/bin/sh -c "trap 'sleep 1; exit 0' TERM; while :; do sleep 0.1; done"
`,
      { header: "loglevel=debug" },
    );
    await using _ = d;
    await d.waitForOutput(/recorded PROCESS_STATE_FATAL .*bad/);
    await d.waitForOutput(/recorded PROCESS_STATE_EXITED .*quit/);
    await d.waitForOutput(/recorded PROCESS_COMMUNICATION_STDERR /);
    assert.equal(await rpc(d.dir, `sendRemoteCommEvent("t", "d")`), "True");
    assert.equal(await rpc(d.dir, `removeProcessGroup("bad")`), "True");
    assert.equal(await rpc(d.dir, `addProcessGroup("bad")`), "True");
    assert.equal((await d.ctl("stop", "talk")).code, 0);
    await d.waitForOutput(/recorded PROCESS_STATE_STOPPED .*talk/);
    await d.waitForOutput(/recorded TICK_5 /);
    const shutdown = await d.ctl("shutdown");
    assert.equal(shutdown.code, 0);
    await d.exited();
    const seen = names(await Deno.readTextFile(`${d.dir}/events.txt`));
    const expected = [
      "PROCESS_STATE_STARTING",
      "PROCESS_STATE_RUNNING",
      "PROCESS_STATE_BACKOFF",
      "PROCESS_STATE_STOPPING",
      "PROCESS_STATE_EXITED",
      "PROCESS_STATE_STOPPED",
      "PROCESS_STATE_FATAL",
      "PROCESS_LOG_STDOUT",
      "PROCESS_LOG_STDERR",
      "PROCESS_COMMUNICATION_STDOUT",
      "PROCESS_COMMUNICATION_STDERR",
      "REMOTE_COMMUNICATION",
      "SUPERVISOR_STATE_CHANGE_RUNNING",
      "SUPERVISOR_STATE_CHANGE_STOPPING",
      "PROCESS_GROUP_ADDED",
      "PROCESS_GROUP_REMOVED",
      "TICK_5",
    ];
    assert.deepEqual(expected.filter((n) => !seen.has(n)), []);
    const log = await Deno.readTextFile(`${d.dir}/svisor.log`);
    assert.match(log, /DEBG 'talk' stdout emitted a comm event/);
    const talkLog = [...Deno.readDirSync(d.dir)].find((e) => e.name.startsWith("talk-stdout"));
    const talkText = await Deno.readTextFile(`${d.dir}/${talkLog!.name}`);
    assert.equal(talkText.includes("out block"), false);
    assert.equal(talkText.includes("XSUPERVISOR"), false);
    assert.match(talkText, /out-line-long-enough/);
  },
});

Deno.test({
  name: "events: a listener that dies mid-event gets the same event again after its restart",
  ignore,
  fn: async () => {
    await using d = await TempDaemon.start(
      `
[eventlistener:lis]
command=${recorder("{{dir}}/events.txt", "--die-on PROCESS_GROUP_ADDED")}
events=PROCESS_GROUP_ADDED
startsecs=0
`,
      { header: "loglevel=debug" },
    );
    await d.waitForOutput(
      /recorded PROCESS_GROUP_ADDED [^\n]*\n[\s\S]*recorded PROCESS_GROUP_ADDED/,
    );
    await d.waitForOutput(/rebuffering event 0 for pool lis/);
    const lines = (await Deno.readTextFile(`${d.dir}/events.txt`)).trim().split("\n");
    assert.deepEqual(lines, [
      "PROCESS_GROUP_ADDED serial=0 poolserial=0 pool=lis len=14 payload='groupname:lis\\n'",
      "PROCESS_GROUP_ADDED serial=0 poolserial=0 pool=lis len=14 payload='groupname:lis\\n'",
    ]);
  },
});

Deno.test({
  name: "events: bad listeners are logged as supervisord logs them and stall only their own pool",
  ignore,
  fn: async () => {
    await using d = await TempDaemon.start(
      `
[eventlistener:garbage]
command=${recorder("{{dir}}/g.txt", "--instead-of-ready 'hello there\\n'")}
events=PROCESS_STATE

[eventlistener:badline]
command=${recorder("{{dir}}/b.txt", "--result 'RESULT two\\n'")}
events=PROCESS_STATE

[eventlistener:huge]
command=${recorder("{{dir}}/h.txt", "--result 'RESULT 999999999\\n'")}
events=PROCESS_STATE
buffer_size=2

[eventlistener:silent]
command=/bin/sh -c "echo READY; exec sleep 1000"
events=PROCESS_STATE
buffer_size=1

[eventlistener:closed]
command=/bin/sh -c "exec 1>&-; exec sleep 1000"
events=PROCESS_STATE

[eventlistener:good]
command=${recorder("{{dir}}/ok.txt")}
events=PROCESS_STATE

[program:web]
command=/bin/sh -c "exec sleep 1000"
`,
      { header: "loglevel=debug" },
    );
    await d.waitForOutput(
      /WARN garbage: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol/,
    );
    await d.waitForOutput(/WARN badline: bad result line: 'RESULT two'/);
    await d.waitForOutput(/ERRO pool huge event buffer overflowed, discarding event \d+/);
    await d.waitForOutput(/ERRO pool silent event buffer overflowed, discarding event \d+/);
    await d.waitForOutput(/success: web entered RUNNING state/);
    assert.equal((await d.ctl("restart", "web")).code, 0);
    const status = await d.ctl("status");
    for (const name of ["garbage", "badline", "huge", "silent", "closed", "good", "web"]) {
      assert.match(status.stdout, new RegExp(`^${name}\\s+RUNNING`, "m"));
    }
    await d.waitForOutput(/success: web entered RUNNING state[\s\S]*success: web entered RUNNING/);
    // The good pool still gets every event: web's STOPPING/STOPPED/STARTING after the restart.
    await d.waitForOutput(/recorded PROCESS_STATE_STOPPED [^\n]*processname:web/);
    assert.match(
      await Deno.readTextFile(`${d.dir}/ok.txt`),
      /PROCESS_STATE_STOPPING .*processname:web/,
    );
  },
});

Deno.test({
  name:
    "events: a listener shuts the daemon down over XML-RPC (with the credentials its environment= gives, as supervisord sets none) when a program goes FATAL",
  ignore,
  fn: async () => {
    await using d = await TempDaemon.start(
      `
[eventlistener:fatal]
command=${recorder("{{dir}}/events.txt", "--fatal-shutdown --types PROCESS_STATE_FATAL")}
events=PROCESS_STATE_FATAL
environment=SUPERVISOR_USERNAME="admin",SUPERVISOR_PASSWORD="s3cret"

[program:bad]
command=/bin/false
startretries=1
`,
      { sockAuth: "username=admin\npassword=s3cret" },
    );
    const status = await d.exited();
    assert.equal(status.code, 0);
    assert.match(d.output, /gave up: bad entered FATAL state/);
    assert.match(d.output, /stopped: fatal/);
    assert.match(await Deno.readTextFile(`${d.dir}/events.txt`), /^PROCESS_STATE_FATAL .*bad/);
  },
});
