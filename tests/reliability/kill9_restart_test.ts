/** Bug 7: after kill -9 the next start removes what the killed daemon left (relay folders, socket). */

import assert from "node:assert/strict";
import { Daemon, figure } from "./reliability_kit.ts";

Deno.test("kill -9, then a restart: no relay folders of the dead daemon remain, ctl works", async () => {
  // The daemons get a temp folder of their own, so only their folders are counted.
  const tmp = await Deno.makeTempDir({ prefix: "svisor_rel_tmp_" });
  const env = { TMPDIR: tmp };
  const names = () => [...Deno.readDirSync(tmp)].map((e) => e.name).sort();
  const body = "[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n";
  const orphans: number[] = [];
  try {
    const first = await Daemon.start(body, { env });
    orphans.push(Number((await first.ctl("pid", "sleeper")).stdout.trim()));
    await first.kill9();
    const left = names();
    assert.equal(left.length, 2, `one relay folder per server: ${left}`);
    figure("kill9_relay_dirs_left_by_the_killed_daemon", left.length);
    await using second = await Daemon.start(body, { dir: first.dir, env });
    const stale = names().filter((n) => left.includes(n));
    figure("kill9_relay_dirs_left_after_restart", stale.length);
    assert.deepEqual(stale, [], "the restart removed the dead daemon's folders");
    assert.match((await second.ctl("status")).stdout, /^sleeper\s+RUNNING/m);
    assert.match(await second.log(), /removed .*, left by a daemon that did not exit cleanly/);
  } finally {
    // The killed daemon's sleeper was orphaned (as with supervisord); the test ends it.
    for (const pid of orphans) if (pid > 0) Deno.kill(pid, "SIGKILL");
    assert.equal(orphans.length, 1);
    await Deno.remove(tmp, { recursive: true });
  }
});
