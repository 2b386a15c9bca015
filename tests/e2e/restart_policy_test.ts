import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

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
  assert.match((await d.ctl("why crash")).stdout, /^crash: (BACKOFF|STARTING)/);
});
