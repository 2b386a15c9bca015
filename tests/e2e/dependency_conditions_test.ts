import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

/** The index in the output of the first match, failing when there is none. */
function at(output: string, pattern: RegExp): number {
  const i = output.search(pattern);
  assert.notEqual(i, -1, `no ${pattern} in:\n${output}`);
  return i;
}

Deno.test("depends_on db:started: web waits while db is stopped, then starts while db is still STARTING", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sleep 1000
startsecs=2
autostart=false

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:started
`);
  await d.waitForOutput(/INFO waiting: web waits for db:started\n/);
  const status = (await d.ctl("status")).stdout;
  assert.match(status, /^db +STOPPED +Not started$/m);
  assert.match(status, /^web +STOPPED +waiting +Not started$/m);
  assert.match(
    (await d.ctl("why web")).stdout,
    /^web: STOPPED \(waiting\): waiting for db:started since [\d.]+ s\n {2}db: STOPPED\n$/,
  );
  assert.doesNotMatch(d.output, /spawned: 'web'/);
  const start = await d.ctl("start db");
  assert.equal(start.stdout, "db: started\n");
  await d.waitForOutput(/spawned: 'web'/);
  const out = d.output;
  assert.ok(at(out, /spawned: 'db'/) < at(out, /spawned: 'web'/));
  assert.ok(at(out, /spawned: 'web'/) < at(out, /success: db entered RUNNING/));
  assert.match((await d.ctl("why web")).stdout, /\nneeds db:started \(met\)\n$/);
});

Deno.test("depends_on db:running: web starts only once db has stayed up for startsecs", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sleep 1000
startsecs=1
autostart=false

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:running
`);
  await d.waitForOutput(/INFO waiting: web waits for db:running\n/);
  assert.match((await d.ctl("status web")).stdout, /^web +STOPPED +waiting +Not started$/m);
  assert.match(
    (await d.ctl("why web")).stdout,
    /^web: STOPPED \(waiting\): waiting for db:running since [\d.]+ s\n {2}db: STOPPED\n$/,
  );
  assert.equal((await d.ctl("start db")).stdout, "db: started\n");
  await d.waitForOutput(/spawned: 'web'/);
  const out = d.output;
  assert.ok(at(out, /spawned: 'db'/) < at(out, /success: db entered RUNNING/));
  assert.ok(at(out, /success: db entered RUNNING/) < at(out, /spawned: 'web'/));
  assert.match((await d.ctl("why web")).stdout, /\nneeds db:running \(met\)\n$/);
});

Deno.test("depends_on db:healthy: web waits while db's health check fails, starts once it passes", async () => {
  await using d = await TempDaemon.start(`
[program:db]
command=/bin/sleep 1000
startsecs=0
healthcheck=command:test -f {{dir}}/healthy
healthcheck_interval=0.1
healthcheck_failure_threshold=1000
healthcheck_action=mark

[program:web]
command=/bin/sleep 1000
startsecs=0
depends_on=db:healthy
`);
  await d.waitForOutput(/INFO waiting: web waits for db:healthy\n/);
  await d.waitForOutput(
    /WARN health check failed: db \(command "test -f .*healthy": exited 1; 2 of 1000\)/,
  );
  const status = (await d.ctl("status")).stdout;
  assert.match(status, /^db +RUNNING +ready +pid \d+/m);
  assert.match(status, /^web +STOPPED +waiting +Not started$/m);
  assert.match(
    (await d.ctl("why web")).stdout,
    /^web: STOPPED \(waiting\): waiting for db:healthy since [\d.]+ s\n {2}db: RUNNING, health not healthy \(last probe: exited 1, \d+ failed in a row\)\n$/,
  );
  assert.doesNotMatch(d.output, /spawned: 'web'/);
  await Deno.writeTextFile(`${d.dir}/healthy`, "");
  await d.waitForOutput(/spawned: 'web'/);
  const out = d.output;
  assert.ok(at(out, /health check failed: db/) < at(out, /spawned: 'web'/));
  assert.match((await d.ctl("why web")).stdout, /\nneeds db:healthy \(met\)\n$/);
  assert.match(
    (await d.ctl("why db")).stdout,
    /\nhealth: healthy: command "test -f .*healthy" \(last probe: exited 0\)\nneeded by web \(db:healthy\)\n$/,
  );
});
