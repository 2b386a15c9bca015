import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PY = "/usr/bin/python3";
const CHILDREN = new URL("../fixtures/children/", import.meta.url).pathname;

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** The index in the output of the first match, failing when there is none. */
function at(output: string, pattern: RegExp): number {
  const i = output.search(pattern);
  assert.notEqual(i, -1, `no ${pattern} in:\n${output}`);
  return i;
}

Deno.test("readiness log:REGEX: RUNNING then READY on the matching line; status shows the word", async () => {
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sh -c 'echo booting; sleep 0.3; echo "server ready"; exec sleep 1000'
startsecs=0
readiness_check=log:ready$
`);
  await d.waitForOutput(/INFO ready: web \(log \/ready\$\/: log line matched\)/);
  const status = await d.ctl("status");
  assert.match(status.stdout, /^web\s+RUNNING {3}ready {5}pid \d+, uptime /);
  const json = JSON.parse((await d.ctl("status --json")).stdout);
  assert.equal(json[0].readiness, "ready");
});

Deno.test("readiness tcp: a child that opens its port late is READY only once it accepts", async () => {
  const port = freePort();
  await using d = await TempDaemon.start(
    `
[program:db]
command=${PY} ${CHILDREN}late_port.py ${port} 0.6
startsecs=0
readiness_check=tcp:${port}
readiness_interval=0.1
`,
    { header: "loglevel=debug" },
  );
  await d.waitForOutput(/INFO ready: db \(tcp 127\.0\.0\.1:\d+: connected to/);
  const refused = at(
    d.output,
    /DEBG not ready: db \(tcp 127\.0\.0\.1:\d+: connection refused; 1 failed\)/,
  );
  assert.ok(at(d.output, /success: db entered RUNNING state/) < refused);
  assert.ok(refused < at(d.output, /INFO ready: db/));
});

Deno.test("readiness http: the URL must answer a status in the range", async () => {
  const port = freePort();
  await using d = await TempDaemon.start(`
[program:api]
command=${PY} ${CHILDREN}late_port.py ${port} 0.2 204
startsecs=0
readiness_check=http://127.0.0.1:${port}/health
readiness_http_status=204
readiness_interval=0.1
`);
  await d.waitForOutput(
    /INFO ready: api \(http:\/\/127\.0\.0\.1:\d+\/health \(204-204\): HTTP 204\)/,
  );
});

Deno.test("readiness command: READY when the command first exits 0", async () => {
  await using d = await TempDaemon.start(`
[program:job]
command=/bin/sh -c 'sleep 0.3; touch {{dir}}/flag; exec sleep 1000'
startsecs=0
readiness_check=command:test -f {{dir}}/flag
readiness_interval=0.1
`);
  await d.waitForOutput(/INFO ready: job \(command "test -f .*flag": exited 0\)/);
});

Deno.test("readiness notify: the child's READY=1 on its own NOTIFY_SOCKET makes it READY", async () => {
  await using d = await TempDaemon.start(`
[program:svc]
command=${PY} ${CHILDREN}notify_ready.py 0.2
startsecs=0
readiness_check=notify
`);
  await d.waitForOutput(/INFO ready: svc \(sd_notify READY=1: READY=1\)/);
  const status = await d.ctl("status svc");
  assert.match(status.stdout, /RUNNING {3}ready /);
});

Deno.test("readiness fd:N: a newline on s6's notification fd makes it READY", async () => {
  await using d = await TempDaemon.start(`
[program:s6]
command=/bin/sh -c 'sleep 0.2; echo >&5; exec 5>&-; exec sleep 1000'
startsecs=0
readiness_check=fd:5
`);
  const [, pid] = await d.waitForOutput(/spawned: 's6' with pid (\d+)/);
  await d.waitForOutput(/INFO ready: s6 \(newline on fd 5: newline written\)/);
  assert.match((await d.ctl("status s6")).stdout, new RegExp(`RUNNING {3}ready {5}pid ${pid},`));
});

Deno.test("readiness fd:N: no shell in between; unready until the child writes its newline", async () => {
  await using d = await TempDaemon.start(`
[program:s6]
command=${PY} ${CHILDREN}s6_ready.py 7 {{dir}}/go
startsecs=0
readiness_check=fd:7
`);
  const [, pid] = await d.waitForOutput(/spawned: 's6' with pid (\d+)/);
  await d.waitForOutput(/success: s6 entered RUNNING state/);
  assert.match((await d.ctl("status s6")).stdout, /RUNNING {3}unready /);
  // The program's own argv and pid, the daemon's child: no /bin/sh, no helper process.
  const cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
  assert.deepEqual(cmdline.slice(0, 4), [PY, `${CHILDREN}s6_ready.py`, "7", `${d.dir}/go`]);
  assert.equal(Deno.readTextFileSync(`/proc/${pid}/comm`).trim(), "python3");
  const ppid = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1]!.split(" ")[1];
  assert.equal(Number(ppid), d.pid);
  assert.match(Deno.readLinkSync(`/proc/${pid}/fd/7`), /^socket:\[\d+\]$/);
  Deno.writeTextFileSync(`${d.dir}/go`, "");
  await d.waitForOutput(/INFO ready: s6 \(newline on fd 7: newline written\)/);
  assert.match((await d.ctl("status s6")).stdout, /RUNNING {3}ready /);
});

Deno.test("healthcheck: failures are logged one by one, then the process is restarted", async () => {
  const port = freePort();
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sleep 1000
startsecs=0
healthcheck=tcp:${port}
healthcheck_interval=0.1
healthcheck_failure_threshold=2
`);
  await d.waitForOutput(
    /WARN health check failed: web \(tcp 127\.0\.0\.1:\d+: connection refused; 1 of 2\)/,
  );
  await d.waitForOutput(/WARN unhealthy: web \(tcp .*; 2 failures in a row\), restarting/);
  await d.waitForOutput(/spawned: 'web' with pid \d+[\s\S]*spawned: 'web' with pid \d+/);
});

Deno.test("healthcheck_action=mark: only marks the process unhealthy", async () => {
  const port = freePort();
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sleep 1000
startsecs=0
healthcheck=tcp:${port}
healthcheck_interval=0.1
healthcheck_failure_threshold=1
healthcheck_action=mark
`);
  await d.waitForOutput(/WARN unhealthy: web \(tcp .*; 1 failures in a row\)\n/);
  const status = await d.ctl("status");
  assert.match(status.stdout, /RUNNING {3}unhealthy pid/);
  assert.equal(d.output.match(/spawned: 'web'/g)?.length, 1);
});

Deno.test("depends_on: db:ready, migrate:completed gate web; stop db refuses while web runs", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sh -c 'sleep 0.3; echo "db ready"; exec sleep 1000'
startsecs=0
readiness_check=log:db ready
priority=900

[program:migrate]
command=/bin/sh -c 'echo migrated'
startsecs=0
autorestart=false
depends_on=db
priority=1

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:ready, migrate:completed
priority=1
`);
  await d.waitForOutput(/spawned: 'web'/);
  const out = d.output;
  assert.ok(at(out, /spawned: 'db'/) < at(out, /ready: db/));
  assert.ok(at(out, /ready: db/) < at(out, /spawned: 'migrate'/));
  assert.ok(at(out, /exited: migrate \(exit status 0; expected\)/) < at(out, /spawned: 'web'/));
  const stop = await d.ctl("stop db");
  assert.equal(
    stop.stdout,
    "FAILED: web depends on db; stop web first, or use stop --with-dependants\n",
  );
  assert.equal(stop.code, 1);
  assert.match((await d.ctl("status db")).stdout, /RUNNING/);
  const forced = await d.ctl("stop --with-dependants db");
  assert.equal(forced.stdout, "web: stopped (depends on db)\ndb: stopped\n");
  assert.equal(forced.code, 0);
});

Deno.test("depends_on: start web starts db first and waits for it", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sh -c 'sleep 0.2; echo up; exec sleep 1000'
startsecs=0
autostart=false
readiness_check=log:^up$

[program:web]
command=/bin/sleep 1000
startsecs=0
autostart=false
depends_on=db:ready
`);
  const start = await d.ctl("start web");
  assert.equal(start.stdout, "db: started (needed by web)\nweb: started\n");
  const out = d.output;
  assert.ok(at(out, /starting db first: web depends on db:ready/) < at(out, /ready: db/));
  assert.ok(at(out, /ready: db/) < at(out, /spawned: 'web'/));
});

Deno.test("shutdown stops dependants before what they depend on", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sleep 1000
startsecs=0
priority=1

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:running
priority=1
`);
  await d.waitForOutput(/spawned: 'web'/);
  d.signal("SIGTERM");
  await d.exited();
  assert.ok(at(d.output, /stopped: web/) < at(d.output, /stopped: db/));
});
