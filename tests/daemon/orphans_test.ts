import assert from "node:assert/strict";
import { alive, childrenOf, stateOf } from "../helpers/proc.ts";
import { TempDaemon } from "../helpers/temp_daemon.ts";

/** The pid a program wrote to a file, once it is there. */
async function pidFrom(d: TempDaemon, file: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const text = await Deno.readTextFile(`${d.dir}/${file}`).catch(() => "");
    if (/^\d+\n/.test(text)) return Number(text.trim());
    await d.ctl("pid"); // a round trip to the daemon, instead of a sleep
  }
  throw new Error(`${file} never got a pid`);
}

const canUnshare = Deno.uid() === 0 && (() => {
  try {
    return Deno.statSync("/usr/bin/unshare").isFile;
  } catch {
    return false;
  }
})();
if (!canUnshare) {
  console.log("skipping the PID-namespace tests: they need root and /usr/bin/unshare");
}
const UNSHARE = ["/usr/bin/unshare", "--pid", "--fork", "--mount-proc"];

Deno.test("killasgroup: a grandchild that called setsid is stopped with its program", async () => {
  await using d = await TempDaemon.start(`
[program:forker]
command=/bin/sh -c "setsid /bin/sleep 1000 & echo $! > {{dir}}/escaped.pid; wait"
startsecs=0
killasgroup=true
`);
  const escaped = await pidFrom(d, "escaped.pid");
  assert.ok(alive(escaped));
  assert.equal((await d.ctl("stop", "forker")).stdout, "forker: stopped\n");
  assert.match(
    d.output,
    new RegExp(
      `WARN killing what 'forker' left outside its process group with SIGKILL: ${escaped} \\(sleep\\)`,
    ),
  );
  for (let i = 0; i < 50 && alive(escaped); i++) await d.ctl("pid");
  assert.equal(alive(escaped), false, `the setsid grandchild ${escaped} outlived its program`);
});

Deno.test("without killasgroup the setsid grandchild outlives its program and the daemon, as under supervisord", async () => {
  const d = await TempDaemon.start(`
[program:forker]
command=/bin/sh -c "setsid /bin/sleep 1000 & echo $! > {{dir}}/escaped.pid; wait"
startsecs=0
`);
  let escaped = 0;
  try {
    escaped = await pidFrom(d, "escaped.pid");
    assert.equal((await d.ctl("stop", "forker")).stdout, "forker: stopped\n");
    assert.equal(alive(escaped), true, "supervisord leaves it running: so does svisor");
    assert.ok(childrenOf(d.pid).includes(escaped), "re-parented to the daemon (a subreaper)");
    d.signal("SIGTERM");
    assert.equal((await d.exited()).code, 0);
    assert.doesNotMatch(d.output, /left behind/);
    assert.equal(alive(escaped), true);
  } finally {
    await d[Symbol.asyncDispose]();
    if (escaped > 0) Deno.kill(escaped, "SIGKILL");
  }
});

Deno.test("killasgroup: what a program left when it exited on its own is stopped at daemon exit", async () => {
  const d = await TempDaemon.start(`
[program:daemonizer]
command=/bin/sh -c "setsid /bin/sleep 1000 & echo $! > {{dir}}/escaped.pid"
startsecs=0
autorestart=false
killasgroup=true
`);
  try {
    await d.waitForOutput(/exited: daemonizer \(exit status 0; expected\)/);
    const escaped = await pidFrom(d, "escaped.pid");
    assert.ok(alive(escaped));
    d.signal("SIGTERM");
    assert.equal((await d.exited()).code, 0);
    assert.match(
      d.output,
      new RegExp(`WARN stopping what programs left behind with SIGTERM: ${escaped} \\(sleep\\)`),
    );
    assert.equal(alive(escaped), false);
  } finally {
    await d[Symbol.asyncDispose]();
  }
});

/** A test that runs only where a PID namespace can be made. */
function namespaceTest(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, ignore: !canUnshare, fn });
}

namespaceTest(
  "as PID 1 of a PID namespace: double-forked orphans are reaped, no zombie is left",
  async () => {
    await using d = await TempDaemon.start(
      `
[program:spawner]
command=/bin/sh -c "for i in 1 2 3; do (/bin/sleep 0.1 &); done; exec /bin/sleep 1000"
startsecs=0
`,
      { wrap: UNSHARE, args: ["-e", "debug"] },
    );
    assert.match(d.output, /running as PID 1: every orphan comes to svisor/);
    assert.match(d.output, /supervisord started with pid 1\n/);
    for (let n = 1; n <= 3; n++) {
      await d.waitForOutput(new RegExp(`(reaped orphan \\d+ \\(sleep\\)[^]*){${n}}`));
    }
    const zombies = childrenOf(d.innerPid()!).filter((p) => stateOf(p) === "Z");
    assert.deepEqual(zombies, []);
    d.signal("SIGTERM");
    assert.equal((await d.exited()).code, 0);
    assert.match(d.output, /WARN received SIGTERM indicating exit request/);
  },
);

namespaceTest(
  "as PID 1: a vital program that goes FATAL shuts the daemon down with its exit status",
  async () => {
    await using d = await TempDaemon.start(
      `
[program:db]
command=/bin/false
startsecs=1
startretries=0
vital=fatal
vital_exitcode=3
[program:web]
command=/bin/sleep 1000
startsecs=0
`,
      { wrap: UNSHARE },
    );
    assert.equal((await d.exited()).code, 3);
    assert.match(d.output, /CRIT vital process db entered FATAL: shutting down with exit status 3/);
    assert.match(d.output, /WARN stopped: web \(terminated by SIGTERM\)/);
  },
);

Deno.test("vital=exit: a program that exits at all takes the daemon down", async () => {
  await using d = await TempDaemon.start(`
[program:job]
command=/bin/sh -c "exit 0"
startsecs=0
autorestart=false
vital=exit
vital_exitcode=70
`);
  assert.equal((await d.exited()).code, 70);
  assert.match(
    d.output,
    /CRIT vital process job entered EXITED: shutting down with exit status 70/,
  );
});
