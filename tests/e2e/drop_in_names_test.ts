/** End to end: svisor called as `supervisord` and `supervisorctl` through install-aliases. */

import assert from "node:assert/strict";
import { daemonHeader, runSvisor } from "../helpers/temp_daemon.ts";

async function run(
  file: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const o = await new Deno.Command(file, { args, stdout: "piped", stderr: "piped" }).output();
  const t = new TextDecoder();
  return { code: o.code, out: t.decode(o.stdout), err: t.decode(o.stderr) };
}

const hasSupervisor = (() => {
  try {
    return Deno.statSync("/usr/bin/supervisord").isFile;
  } catch {
    return false;
  }
})();

Deno.test("install-aliases writes supervisord and supervisorctl that run svisor's daemon and ctl", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_alias_" });
  try {
    const installed = await runSvisor(["install-aliases", dir]);
    assert.equal(installed.code, 0, installed.stderr);
    assert.equal((await runSvisor(["install-aliases", dir])).code, 1);
    assert.equal((await runSvisor(["install-aliases", "-f", dir])).code, 0);
    const daemon = `${dir}/supervisord`;
    const ctl = `${dir}/supervisorctl`;
    const help = await run(daemon, ["-h"]);
    assert.equal(help.code, 0);
    assert.match(help.out, /^supervisord -- run a set of applications as daemons\.\n\nUsage: /);
    assert.match(help.out, new RegExp(`^Usage: ${daemon} \\[options\\]$`, "m"));
    assert.equal((await run(daemon, ["-v"])).out, "4.2.5\n");
    const ctlHelp = await run(ctl, ["-h"]);
    assert.match(
      ctlHelp.out,
      /^supervisorctl -- control applications run by supervisord from the cmd line\.\n/,
    );
    assert.match(
      ctlHelp.out,
      new RegExp(`^Usage: ${ctl} \\[options\\] \\[action \\[arguments\\]\\]$`, "m"),
    );
    const bad = await run(daemon, ["-x"]);
    assert.deepEqual([bad.code, bad.err], [
      2,
      `Error: option -x not recognized\nFor help, use ${daemon} -h\n`,
    ]);
    if (hasSupervisor) {
      const real = await run("/usr/bin/supervisord", ["-x"]);
      assert.equal(real.err.replace("/usr/bin/supervisord", daemon), bad.err);
      const realHelp = await run("/usr/bin/supervisord", ["-h"]);
      assert.equal(help.out.split("\n")[0], realHelp.out.split("\n")[0]);
      const realCtlHelp = await run("/usr/bin/supervisorctl", ["-h"]);
      assert.equal(ctlHelp.out.split("\n")[0], realCtlHelp.out.split("\n")[0]);
    }
    // The names run a daemon and control it, as an init script would.
    await Deno.writeTextFile(
      `${dir}/s.conf`,
      daemonHeader(dir) + "\n[program:nap]\ncommand=/bin/sleep 1000\nstartsecs=0\n",
    );
    const started = await run(daemon, ["-c", `${dir}/s.conf`]);
    assert.equal(started.code, 0, started.err);
    let status = await run(ctl, ["-c", `${dir}/s.conf`, "status"]);
    for (let i = 0; i < 50 && !/RUNNING/.test(status.out); i++) {
      status = await run(ctl, ["-c", `${dir}/s.conf`, "status", "nap"]);
    }
    assert.match(status.out, /^nap\s+RUNNING/);
    assert.equal((await run(ctl, ["-c", `${dir}/s.conf`, "shutdown"])).out, "Shut down\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
