import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

Deno.test("why: waiting for a dependency, with the dependency's last probe", async () => {
  const port = freePort();
  await using d = await TempDaemon.start(
    `
[program:db]
command=/bin/sleep 1000
startsecs=0
readiness_check=tcp:${port}
readiness_interval=0.1

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:ready
`,
    { header: "loglevel=debug" },
  );
  await d.waitForOutput(/waiting: web waits for db:ready/);
  const status = await d.ctl("status");
  assert.match(status.stdout, /^db +RUNNING +unready +pid/m);
  assert.match(status.stdout, /^web +STOPPED +waiting +Not started/m);
  await d.waitForOutput(
    /DEBG not ready: db \(tcp 127\.0\.0\.1:\d+: connection refused; 1 failed\)/,
  );
  const why = (await d.ctl("why web")).stdout;
  assert.match(
    why,
    /^web: STOPPED \(waiting\): waiting for db:ready since [\d.]+ s\n {2}db: RUNNING, unready for [\d.]+ s \(last probe: connection refused, \d+ failed in a row\)\n$/,
  );
  const dbWhy = (await d.ctl("why db")).stdout;
  assert.match(dbWhy, /^db: RUNNING \(unready\): pid \d+, up for /);
  assert.match(
    dbWhy,
    /\nnot ready for [\d.]+ s: waiting for tcp 127\.0\.0\.1:\d+ \(last probe: connection refused/,
  );
  assert.match(dbWhy, /\nneeded by web \(db:ready\)\n$/);
  const json = JSON.parse((await d.ctl("why --json web")).stdout);
  assert.equal(json[0].readiness, "waiting");
});

Deno.test("why: BACKOFF with tries so far and the next try in N s, with the last stderr lines", async () => {
  await using d = await TempDaemon.start(`
[program:crash]
command=/bin/sh -c 'echo "no database at 127.0.0.1:5432" >&2; exit 1'
startsecs=1
startretries=3
`);
  await d.waitForOutput(/(exited: crash \(exit status 1; not expected\)[\s\S]*){2}/);
  // Between two tries the process is STARTING for the moment its child takes to exit.
  let why = (await d.ctl("why crash")).stdout;
  while (why.startsWith("crash: STARTING")) why = (await d.ctl("why crash")).stdout;
  assert.match(
    why,
    /^crash: BACKOFF [23]\/3, next try in \d+(\.\d)? s; Exited too quickly \(process log may have details\)\nlast stderr:\n {2}no database at 127\.0\.0\.1:5432\n/,
  );
});

Deno.test("why: FATAL with the reason and the last stderr lines", async () => {
  await using d = await TempDaemon.start(`
[program:crash]
command=/bin/sh -c 'echo "cannot open /data: permission denied" >&2; exit 1'
startsecs=1
startretries=1
`);
  await d.waitForOutput(/gave up: crash entered FATAL state/);
  const why = await d.ctl("why crash");
  assert.equal(why.code, 0);
  assert.match(
    why.stdout,
    /^crash: FATAL: Exited too quickly \(process log may have details\); gave up after 1 retries \(each start ended within startsecs=1\)\nlast stderr:\n {2}cannot open \/data: permission denied\n/,
  );
});

Deno.test("why: stopped by a ctl request, alone or in a group; unknown names; ready by startsecs", async () => {
  await using d = await TempDaemon.start(`
[program:a]
command=/bin/sleep 1000
startsecs=0

[group:pair]
programs=b,c

[program:b]
command=/bin/sleep 1000
startsecs=0

[program:c]
command=/bin/sleep 1000
startsecs=0
`);
  await d.waitForOutput(/success: a entered RUNNING/);
  await d.waitForOutput(/success: b entered RUNNING/);
  await d.waitForOutput(/success: c entered RUNNING/);
  assert.match(
    (await d.ctl("why a")).stdout,
    /^a: RUNNING: pid \d+, up for .*\nready: stayed up for more than startsecs=0\n$/,
  );
  await d.ctl("stop a");
  assert.match(
    (await d.ctl("why a")).stdout,
    /^a: STOPPED: stopped by a ctl request at \d\d:\d\d:\d\d\n$/,
  );
  assert.equal((await d.ctl("stop pair:*")).code, 0);
  assert.match(
    (await d.ctl("why pair:c")).stdout,
    /^pair:c: STOPPED: stopped by a ctl request at \d\d:\d\d:\d\d\n$/,
  );
  await d.ctl("start a");
  assert.match(
    (await d.ctl("why a")).stdout,
    /^a: RUNNING: pid \d+, up for .*\nready: stayed up for more than startsecs=0\nlast request: a start request at \d\d:\d\d:\d\d\n$/,
  );
  assert.equal((await d.ctl("stop all")).code, 0);
  assert.match(
    (await d.ctl("why a")).stdout,
    /^a: STOPPED: stopped by a ctl request at \d\d:\d\d:\d\d\n$/,
  );
  const bad = await d.ctl("why nope");
  assert.equal(bad.stdout, "nope: ERROR (no such process)\n");
  assert.equal(bad.code, 1);
});
