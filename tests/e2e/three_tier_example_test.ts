import assert from "node:assert/strict";
import { runSvisor, TempDaemon } from "../helpers/temp_daemon.ts";

const EXAMPLES = new URL("../../examples/", import.meta.url).pathname;

function at(output: string, pattern: RegExp): number {
  const i = output.search(pattern);
  assert.notEqual(i, -1, `no ${pattern} in:\n${output}`);
  return i;
}

Deno.test("examples/three_tier.conf passes check", async () => {
  const r = await runSvisor(["check", "-c", `${EXAMPLES}three_tier.conf`]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\n {6}needs {4}db:ready, migrate:completed\n/);
  assert.match(
    r.stdout,
    /\n {6}restart {2}retry forever, backoff up to 30 s, restart at "0 4 \* \* \*"\n/,
  );
});

Deno.test("three-tier example: db, migrate, web start in order and why explains each step", async () => {
  await using d = await TempDaemon.start(`
[include]
files = ${EXAMPLES}three_tier/programs.conf
`);
  await d.waitForOutput(/waiting: web waits for db:ready, migrate:completed/);
  const waiting = (await d.ctl("why web")).stdout;
  assert.match(
    waiting,
    /^web: STOPPED \(waiting\): waiting for db:ready, migrate:completed since /,
  );
  await d.waitForOutput(/INFO ready: web \(log \/\^Serving HTTP on\/: log line matched\)/);
  const out = d.output;
  assert.ok(at(out, /spawned: 'db'/) < at(out, /ready: db/));
  assert.ok(at(out, /ready: db/) < at(out, /spawned: 'migrate'/));
  assert.ok(at(out, /exited: migrate \(exit status 0; expected\)/) < at(out, /spawned: 'web'/));
  assert.match(
    (await d.ctl("why db")).stdout,
    /^db: RUNNING \(ready\): pid \d+, up for .*\nready for [\d.]+ s: log \/ready to accept connections\$\/ \(last probe: log line matched\)\nneeded by migrate \(db:ready\), web \(db:ready\)\n$/,
  );
  assert.match(
    (await d.ctl("why migrate")).stdout,
    /^migrate: EXITED: exited at \d\d:\d\d:\d\d with status 0 \(expected; autorestart=false\)\nneeds db:ready \(met\)\nneeded by web \(migrate:completed\)\n$/,
  );
  assert.match(
    (await d.ctl("why web")).stdout,
    /^web: RUNNING \(ready\): pid \d+, up for .*\nready for [\d.]+ s: log \/\^Serving HTTP on\/ \(last probe: log line matched\)\nneeds db:ready \(met\), migrate:completed \(met\)\n$/,
  );
  const status = (await d.ctl("status")).stdout;
  assert.match(status, /^db +RUNNING +ready +pid/m);
  assert.match(status, /^migrate +EXITED +/m);
  assert.match(status, /^web +RUNNING +ready +pid/m);
});
