/** End to end: the small gaps closed against supervisord (`-?`, argv[0] as written). */

import assert from "node:assert/strict";
import { programArgv } from "../helpers/proc.ts";
import { runSvisor, svisorArgv, TempDaemon } from "../helpers/temp_daemon.ts";

Deno.test("-? prints the usage and exits 0, as -h does, for daemon and ctl", async () => {
  for (const command of ["daemon", "ctl"]) {
    const asked = await runSvisor([command, "-?"]);
    const help = await runSvisor([command, "-h"]);
    assert.equal(asked.code, 0);
    assert.equal(asked.stdout, help.stdout);
    assert.match(asked.stdout, /^Usage: /m);
  }
});

Deno.test("a child's argv[0] is the command's first word as written, not the path found", async () => {
  await using d = await TempDaemon.start(`
[program:bare]
command=sleep 1000
startsecs=0

[program:full]
command=/bin/sleep 1001
startsecs=0
`);
  const [, bare] = await d.waitForOutput(/spawned: 'bare' with pid (\d+)/);
  const [, full] = await d.waitForOutput(/spawned: 'full' with pid (\d+)/);
  assert.deepEqual(await programArgv(bare!), ["sleep", "1000", ""]);
  assert.deepEqual(await programArgv(full!), ["/bin/sleep", "1001", ""]);
  const stat = Deno.readTextFileSync(`/proc/${bare}/stat`);
  const [, , pgid, sid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  assert.deepEqual([pgid, sid], [bare, bare]);
  await d.waitForOutput(/success: bare entered RUNNING state/);
  const stop = await d.ctl("stop", "bare");
  assert.equal(stop.stdout, "bare: stopped\n");
});

Deno.test("ctl fg leaves the foreground on a SIGINT sent with kill, as supervisorctl does", async () => {
  await using d = await TempDaemon.start(`
[program:talker]
command=/bin/sh -c "echo hello from talker; exec sleep 1000"
startsecs=0
`);
  await d.waitForOutput(/success: talker entered RUNNING state/);
  const [file, ...prefix] = svisorArgv();
  const child = new Deno.Command(file!, {
    args: [...prefix, "ctl", "-c", d.conf, "fg", "talker"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  while (!out.includes("hello from talker")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  child.kill("SIGINT");
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const status = await child.status;
  await child.stdin.close();
  await child.stderr.cancel();
  assert.match(out, /==> Press Ctrl-C to exit <==\n/);
  assert.match(out, /Exiting foreground\n$/);
  assert.equal(status.code, 0);
  assert.equal(status.signal, null);
});

Deno.test("reload removes the AUTO child logs of the run before, as supervisord does", async () => {
  await using d = await TempDaemon.start(`
[program:chatty]
command=/bin/sh -c "echo line; exec sleep 1000"
startsecs=0
`);
  const autoLogs = () =>
    [...Deno.readDirSync(d.dir)].map((e) => e.name).filter((n) => /---supervisor-/.test(n))
      .sort();
  await d.waitForOutput(/success: chatty entered RUNNING state/);
  const before = autoLogs();
  assert.equal(before.length, 2, `stdout and stderr AUTO logs: ${before}`);
  d.signal("SIGHUP");
  await d.waitForOutput(/received SIGHUP[^]*success: chatty entered RUNNING state/);
  const after = autoLogs();
  assert.equal(after.length, 2, `one set after the reload: ${after}`);
  assert.deepEqual(after.filter((n) => before.includes(n)), []);
});

Deno.test("loglevel=debug writes supervisord's lines that tools grep for", async () => {
  await using d = await TempDaemon.start(
    `
[program:quick]
command=/bin/sh -c "exit 0"
startsecs=0
autorestart=false

[program:long]
command=/bin/sleep 1000
startsecs=0
`,
    { header: "loglevel=debug" },
  );
  await d.waitForOutput(
    /INFO exited: quick \(exit status 0; expected\)\n.*DEBG received SIGCHLD indicating a child quit\n/,
  );
  await d.waitForOutput(/success: long entered RUNNING state/);
  assert.equal((await d.ctl("stop", "long")).stdout, "long: stopped\n");
  await d.waitForOutput(/DEBG killing long \(pid \d+\) with signal SIGTERM\n/);
  await d.waitForOutput(
    /WARN stopped: long \(terminated by SIGTERM\)\n.*DEBG received SIGCHLD indicating a child quit\n/,
  );
});

Deno.test("--profile_options is named at start as what svisor ignores", async () => {
  await using d = await TempDaemon.start("", { args: ["--profile_options", "cumulative"] });
  assert.match(d.output, /WARN --profile_options: svisor has no Python profiler to run/);
});

Deno.test("SIGHUP with a config that cannot be read restarts nothing; a good one restarts", async () => {
  await using d = await TempDaemon.start(`
[program:keep]
command=/bin/sleep 1000
startsecs=0
`);
  const [, pid] = await d.waitForOutput(/spawned: 'keep' with pid (\d+)/);
  const good = await Deno.readTextFile(d.conf);
  await Deno.writeTextFile(d.conf, good + "\n[program:bad]\nstartsecs=ten\n");
  d.signal("SIGHUP");
  await d.waitForOutput(/CRIT could not re-read the config, nothing restarted: [^]*startsecs/);
  assert.doesNotMatch(d.output, /stopped: keep/);
  assert.match((await d.ctl("status", "keep")).stdout, new RegExp(`RUNNING\\s+pid ${pid},`));
  await Deno.writeTextFile(d.conf, good);
  d.signal("SIGHUP");
  await d.waitForOutput(/stopped: keep[^]*spawned: 'keep' with pid (\d+)/);
});
