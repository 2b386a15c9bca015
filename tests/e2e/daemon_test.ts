import assert from "node:assert/strict";
import { alive } from "../helpers/proc.ts";
import { daemonHeader, runSvisor, TempDaemon } from "../helpers/temp_daemon.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("daemon -n: starts programs, answers ctl, and on SIGTERM stops them and cleans up", async () => {
  await using d = await TempDaemon.start(`
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
`);
  const [, pid] = await d.waitForOutput(/spawned: 'sleeper' with pid (\d+)/);
  await d.waitForOutput(/success: sleeper entered RUNNING state/);
  const status = await d.ctl("status");
  assert.match(status.stdout, /^sleeper\s+RUNNING\s+pid \d+, uptime 0:00:\d\d\n$/);
  assert.equal(status.code, 0);
  assert.equal(Deno.readTextFileSync(`${d.dir}/svisor.pid`), `${d.pid}\n`);
  assert.equal(Deno.statSync(`${d.dir}/svisor.sock`).mode! & 0o777, 0o700);
  d.signal("SIGTERM");
  assert.equal((await d.exited()).code, 0);
  assert.match(d.output, /WARN received SIGTERM indicating exit request/);
  assert.match(d.output, /WARN stopped: sleeper \(terminated by SIGTERM\)/);
  assert.equal(alive(Number(pid)), false);
  assert.equal(await exists(`${d.dir}/svisor.pid`), false);
  assert.equal(await exists(`${d.dir}/svisor.sock`), false);
});

Deno.test("a crash loop ends in FATAL after startretries, as ctl status shows", async () => {
  await using d = await TempDaemon.start(`
[program:crasher]
command=/bin/false
startsecs=1
startretries=1
`);
  await d.waitForOutput(/gave up: crasher entered FATAL state, too many start retries too quickly/);
  const status = await d.ctl("status", "crasher");
  assert.match(
    status.stdout,
    /^crasher\s+FATAL\s+Exited too quickly \(process log may have details\)\n$/,
  );
  assert.equal(status.code, 3);
});

Deno.test("a child that ignores SIGTERM is killed after stopwaitsecs", async () => {
  await using d = await TempDaemon.start(`
[program:stubborn]
command=/bin/sh -c "trap '' TERM; echo ready; while true; do sleep 0.1; done"
startsecs=0
stopwaitsecs=1
`);
  await d.waitForOutput(/success: stubborn entered RUNNING state/);
  const stop = await d.ctl("stop", "stubborn");
  assert.equal(stop.stdout, "stubborn: stopped\n");
  assert.equal(stop.code, 0);
  assert.match(d.output, /WARN killing 'stubborn' \(\d+\) with SIGKILL/);
  assert.match(d.output, /WARN stopped: stubborn \(terminated by SIGKILL\)/);
});

Deno.test("stopasgroup reaches the grandchildren", async () => {
  await using d = await TempDaemon.start(`
[program:parent]
command=/bin/sh -c "sleep 1000 & echo $! > {{dir}}/grandchild.pid; wait"
startsecs=0
stopasgroup=true
`);
  await d.waitForOutput(/success: parent entered RUNNING state/);
  let grandchild = NaN;
  while (Number.isNaN(grandchild) || grandchild === 0) {
    grandchild = Number(
      (await Deno.readTextFile(`${d.dir}/grandchild.pid`).catch(() => "")).trim(),
    );
    if (Number.isNaN(grandchild) || grandchild === 0) await d.ctl("pid", "parent");
  }
  assert.ok(alive(grandchild));
  assert.equal((await d.ctl("stop", "parent")).stdout, "parent: stopped\n");
  let tries = 0;
  while (alive(grandchild) && tries++ < 50) await d.ctl("pid");
  assert.equal(alive(grandchild), false, `grandchild ${grandchild} outlived stop`);
});

Deno.test("20,000 numbered lines through a 4 KB rotation: every line once and in order", async () => {
  await using d = await TempDaemon.start(`
[program:counter]
command=/usr/bin/seq 1 20000
startsecs=0
autorestart=false
stdout_logfile={{dir}}/counter.log
stdout_logfile_maxbytes=4KB
stdout_logfile_backups=40
`);
  await d.waitForOutput(/exited: counter \(exit status 0; expected\)/);
  const parts: string[] = [];
  for (let i = 40; i >= 1; i--) {
    const text = await Deno.readTextFile(`${d.dir}/counter.log.${i}`).catch(() => null);
    if (text !== null) parts.push(text);
  }
  parts.push(await Deno.readTextFile(`${d.dir}/counter.log`));
  assert.ok(parts.length > 2, `only ${parts.length} files: no rotation happened`);
  const lines = parts.join("").split("\n");
  assert.equal(lines.pop(), "");
  assert.equal(lines.length, 20000);
  lines.forEach((line, i) => assert.equal(line, String(i + 1)));
});

Deno.test("SIGUSR2 reopens the logs: output after a rename goes to a new file, nothing lost", async () => {
  await using d = await TempDaemon.start(
    `
[program:talker]
command=/bin/sh -c "echo before; while [ ! -e {{dir}}/go ]; do sleep 0.05; done; echo after; sleep 1000"
startsecs=0
stdout_logfile={{dir}}/talker.log
`,
    { header: "loglevel=debug\n" },
  );
  await d.waitForOutput(/DEBG 'talker' stdout output:\nbefore/);
  await Deno.rename(`${d.dir}/talker.log`, `${d.dir}/talker.log.old`);
  d.signal("SIGUSR2");
  await d.waitForOutput(/supervisord logreopen/);
  await Deno.writeTextFile(`${d.dir}/go`, "");
  await d.waitForOutput(/DEBG 'talker' stdout output:\nafter/);
  const tail = await d.ctl("tail", "talker");
  assert.equal(tail.stdout, "after\n\n"); // supervisorctl prints the bytes, then a newline
  assert.equal(await Deno.readTextFile(`${d.dir}/talker.log.old`), "before\n");
  assert.equal(await Deno.readTextFile(`${d.dir}/talker.log`), "after\n");
});

Deno.test("SIGHUP re-reads the config and starts what it now holds", async () => {
  await using d = await TempDaemon.start(`
[program:first]
command=/bin/sleep 1000
startsecs=0
`);
  await d.waitForOutput(/success: first entered RUNNING state/);
  await Deno.writeTextFile(
    d.conf,
    daemonHeader(d.dir) + `
[program:second]
command=/bin/sleep 1000
startsecs=0
`,
  );
  d.signal("SIGHUP");
  await d.waitForOutput(/WARN received SIGHUP indicating restart request/);
  await d.waitForOutput(/success: second entered RUNNING state/);
  const status = await d.ctl("status");
  assert.match(status.stdout, /^second\s+RUNNING/);
  assert.doesNotMatch(status.stdout, /first/);
});

Deno.test("spawn errors are reported as supervisord reports them", async () => {
  await using d = await TempDaemon.start(`
[program:ghost]
command=/nonexistent/ghost
startretries=0
`);
  await d.waitForOutput(/gave up: ghost entered FATAL state/);
  assert.match(d.output, /INFO spawnerr: can't find command '\/nonexistent\/ghost'/);
  const status = await d.ctl("status", "ghost");
  assert.match(status.stdout, /^ghost\s+FATAL\s+can't find command '\/nonexistent\/ghost'\n$/);
});

Deno.test("a second daemon on a live socket refuses to start", async () => {
  await using d = await TempDaemon.start("");
  const second = await runSvisor(["daemon", "-n", "-c", d.conf]);
  assert.equal(second.code, 2);
  assert.match(second.stderr, /^Error: Another program is already listening/);
  assert.equal((await d.ctl("pid")).stdout, `${d.pid}\n`);
});

Deno.test("without -n the daemon goes to the background once it is up, and ctl shutdown ends it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_bg_" });
  try {
    await Deno.writeTextFile(
      `${dir}/svisor.conf`,
      daemonHeader(dir) + "[program:bg]\ncommand=/bin/sleep 1000\nstartsecs=0\n",
    );
    const started = await runSvisor(["daemon", "-c", `${dir}/svisor.conf`], { cwd: dir });
    assert.equal(started.stderr, "");
    assert.equal(started.code, 0);
    const pid = Number(await Deno.readTextFile(`${dir}/svisor.pid`));
    assert.ok(alive(pid));
    const ctl = (...a: string[]) => runSvisor(["ctl", "-c", `${dir}/svisor.conf`, ...a]);
    assert.equal((await ctl("pid")).stdout, `${pid}\n`);
    assert.equal((await ctl("shutdown")).stdout, "Shut down\n");
    let tries = 0;
    while (alive(pid) && tries++ < 100) await ctl("pid");
    assert.equal(alive(pid), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a config error stops the daemon before it starts: file, line, exit 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_bad_" });
  try {
    await Deno.writeTextFile(
      `${dir}/svisor.conf`,
      daemonHeader(dir) + "[program:bad]\ncommand=/bin/true\nstartsecs=ten\n",
    );
    const r = await runSvisor(["daemon", "-c", `${dir}/svisor.conf`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Error: .*svisor\.conf:\d+: \[program:bad\] startsecs: /);
    assert.equal(await exists(`${dir}/svisor.pid`), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a grandchild that keeps the output pipe open does not keep the daemon from exiting", async () => {
  await using d = await TempDaemon.start(`
[program:parent]
command=/bin/sh -c "sleep 1000 & echo $!; wait"
startsecs=0
`);
  const [, orphan] = await d.waitForOutput(/spawned: 'parent' with pid \d+/).then(async () => {
    const text = await waitForFile(`${d.dir}`, /^parent-stdout---supervisor-.*\.log$/);
    return text.match(/^(\d+)$/m) ?? ["", "0"];
  });
  d.signal("SIGTERM");
  assert.equal((await d.exited()).code, 0);
  assert.match(d.output, /WARN stopped: parent \(terminated by SIGTERM\)/);
  Deno.kill(Number(orphan), "SIGKILL");
});

/** The text of the first file in `dir` whose name matches, once it holds a line. */
async function waitForFile(dir: string, name: RegExp): Promise<string> {
  using watcher = Deno.watchFs(dir);
  for (;;) {
    for await (const entry of Deno.readDir(dir)) {
      if (!name.test(entry.name)) continue;
      const text = await Deno.readTextFile(`${dir}/${entry.name}`);
      if (text.includes("\n")) return text;
    }
    for await (const _ of watcher) break;
  }
}

Deno.test("autorestart=unexpected restarts on an unexpected exit code only", async () => {
  await using d = await TempDaemon.start(`
[program:expected]
command=/bin/sh -c "sleep 0.2; exit 3"
startsecs=0
autorestart=unexpected
exitcodes=0,3

[program:unexpected]
command=/bin/sh -c "sleep 0.2; exit 4"
startsecs=0
autorestart=unexpected
exitcodes=0,3
`);
  await d.waitForOutput(/exited: expected \(exit status 3; expected\)/);
  await d.waitForOutput(/exited: unexpected \(exit status 4; not expected\)/);
  await d.waitForOutput(/spawned: 'unexpected' with pid \d+[\s\S]*spawned: 'unexpected' with pid/);
  const status = await d.ctl("status", "expected");
  assert.match(status.stdout, /^expected\s+EXITED\s+/);
  assert.equal(d.output.match(/spawned: 'expected'/g)?.length, 1);
});

Deno.test({
  name: "user= and umask= apply to the child when the daemon runs as root",
  ignore: Deno.uid() !== 0,
  fn: async () => {
    await using d = await TempDaemon.start(`
[program:nobody]
command=/bin/sleep 1000
user=nobody
umask=077
startsecs=0
`);
    const [, pid] = await d.waitForOutput(/spawned: 'nobody' with pid (\d+)/);
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const nobody = new TextDecoder().decode(
      (await new Deno.Command("id", { args: ["-u", "nobody"] }).output()).stdout,
    ).trim();
    assert.match(status, new RegExp(`^Uid:\\s+${nobody}\\s`, "m"));
    assert.match(status, /^Umask:\s+0077$/m);
  },
});
