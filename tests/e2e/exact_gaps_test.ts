/** End to end: the small gaps closed against supervisord (`-?`, argv[0] as written). */

import assert from "node:assert/strict";
import { runSvisor, TempDaemon } from "../helpers/temp_daemon.ts";

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
  const argv = (pid: string) => Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
  assert.deepEqual(argv(bare!), ["sleep", "1000", ""]);
  assert.deepEqual(argv(full!), ["/bin/sleep", "1001", ""]);
  const stat = Deno.readTextFileSync(`/proc/${bare}/stat`);
  const [, , pgid, sid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  assert.deepEqual([pgid, sid], [bare, bare]);
  await d.waitForOutput(/success: bare entered RUNNING state/);
  const stop = await d.ctl("stop", "bare");
  assert.equal(stop.stdout, "bare: stopped\n");
});
