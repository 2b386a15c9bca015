import assert from "node:assert/strict";
import { programArgv } from "../helpers/proc.ts";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PY = "/usr/bin/python3";
const CHILDREN = new URL("../fixtures/children/", import.meta.url).pathname;

Deno.test("max_memory: a child whose RSS stays over the limit is restarted, saying so", async () => {
  await using d = await TempDaemon.start(`
[program:hog]
command=/usr/bin/python3 -c "x = bytearray(80 * 1024 * 1024); import time; time.sleep(1000)"
startsecs=0
max_memory=40MB
max_memory_interval=0.1
`);
  await d.waitForOutput(
    /WARN max_memory: hog uses [\d.]+ MB, over 40 MB for 3 samples in a row, restarting/,
  );
  await d.waitForOutput(/spawned: 'hog' with pid \d+[\s\S]*spawned: 'hog' with pid \d+/);
  // The new child is over the limit too, so `why` may catch it RUNNING or being restarted again.
  const why = (await d.ctl("why hog")).stdout;
  assert.match(why, /(last request: |STOPPING: )a max_memory restart/);
});

Deno.test("max_memory: memory held by a grandchild counts (the tree's RSS, not only the pid's)", async () => {
  // The shell stays the parent (a command follows python's), so the 80 MB are in its child.
  await using d = await TempDaemon.start(`
[program:tree]
command=/bin/sh -c "${PY} ${CHILDREN}memory_hog.py 80; exit 0"
startsecs=0
stopasgroup=true
max_memory=40MB
max_memory_interval=0.1
`);
  const [, pid] = await d.waitForOutput(/spawned: 'tree' with pid (\d+)/);
  assert.equal((await programArgv(pid!))[0], "/bin/sh");
  await d.waitForOutput(
    /WARN max_memory: tree uses [\d.]+ MB, over 40 MB for 3 samples in a row, restarting/,
  );
  await d.waitForOutput(/spawned: 'tree' with pid \d+[\s\S]*spawned: 'tree' with pid \d+/);
});

Deno.test("restart_schedule: a cron expression restarts the program when it comes round", async () => {
  await using d = await TempDaemon.start(`
[program:nightly]
command=/bin/sleep 1000
startsecs=0
restart_schedule=* * * * * *
`);
  await d.waitForOutput(/INFO restart_schedule: restarting nightly \("\* \* \* \* \* \*"\)/);
  await d.waitForOutput(/stopped: nightly \(terminated by SIGTERM\)[\s\S]*spawned: 'nightly'/);
});

Deno.test("retry_forever with backoff_max: a crashing child keeps being retried past startretries", async () => {
  await using d = await TempDaemon.start(`
[program:crash]
command=/bin/sh -c 'exit 1'
startsecs=1
startretries=1
retry_forever=true
backoff_max=0.2
`);
  await d.waitForOutput(/(spawned: 'crash'[\s\S]*){4}/);
  assert.doesNotMatch(d.output, /gave up: crash/);
  assert.match(
    (await d.ctl("why crash")).stdout,
    /^crash: (BACKOFF \d+ \(retry_forever\), next try in [\d.]+ s; Exited too quickly|STARTING)/,
  );
});

Deno.test("start_limit_burst: the start over the burst goes FATAL; a longer start_limit_interval is what hits it", async () => {
  // Each run lasts at least 0.6 s, so within 1 s there are never more than 2 starts, while
  // within 60 s the third start is one too many.
  await using d = await TempDaemon.start(`
[program:tight]
command=/bin/sh -c 'sleep 0.6; exit 1'
startsecs=0
start_limit_burst=2
start_limit_interval=60

[program:loose]
command=/bin/sh -c 'sleep 0.6; exit 1'
startsecs=0
start_limit_burst=2
start_limit_interval=1
`);
  await d.waitForOutput(
    /INFO gave up: tight entered FATAL state, start limit hit: 2 starts within 60 s \(start_limit_burst\)\n/,
  );
  await d.waitForOutput(/(spawned: 'loose'[\s\S]*){4}/);
  assert.equal(d.output.match(/spawned: 'tight'/g)?.length, 2);
  assert.doesNotMatch(d.output, /gave up: loose/);
  assert.match((await d.ctl("status tight")).stdout, /^tight +FATAL +start limit hit/m);
  assert.equal(
    (await d.ctl("why tight")).stdout,
    "tight: FATAL: start limit hit: 2 starts within 60 s (start_limit_burst)\n",
  );
});

Deno.test("min_uptime: exits sooner back off to FATAL; a run longer than min_uptime resets the retry count", async () => {
  // Runs 1, 3 and 4 exit at once; run 2 outlives min_uptime. With startretries=1, FATAL comes
  // at run 4 only because run 2 reset the count (without the reset it would come at run 3).
  await using d = await TempDaemon.start(`
[program:crashy]
command=/bin/sh -c 'n=$(cat {{dir}}/runs 2>/dev/null || echo 0); n=$((n + 1)); echo $n > {{dir}}/runs; echo "run $n" >&2; [ $n = 2 ] && sleep 1.5; exit 1'
startsecs=0
startretries=1
min_uptime=1
`);
  await d.waitForOutput(/INFO gave up: crashy entered FATAL state, too many start retries/);
  assert.equal(d.output.match(/spawned: 'crashy'/g)?.length, 4);
  assert.match(
    (await d.ctl("status crashy")).stdout,
    /^crashy +FATAL +Exited within min_uptime \(1 s\)$/m,
  );
  const backoffs = (await d.ctl("events", "PROCESS_STATE_BACKOFF")).stdout;
  assert.deepEqual([...backoffs.matchAll(/ tries:(\d+)/g)].map((m) => m[1]), ["1", "1", "2"]);
  assert.match(
    (await d.ctl("why crashy")).stdout,
    /^crashy: FATAL: Exited within min_uptime \(1 s\); gave up after 1 retries \(each run ended within min_uptime\)\nlast stderr:\n( {2}run \d\n)* {2}run 4\n$/,
  );
});
