/**
 * A child's log file that cannot be opened (its directory was removed) fails the spawn as
 * supervisord 4.2.5 does, `unknown error making dispatchers for 'web': ENOENT`, and capture works
 * again once the directory is back. Against a real daemon, through ctl.
 */

import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PROGRAM = `
[program:web]
command=/bin/sh -c "echo tick; exec sleep 1000"
stdout_logfile={{dir}}/logs/web.log
autostart=%AUTOSTART%
startsecs=0
startretries=0
`;

/** Reads a file until it holds `text` (bounded: the daemon writes what the child printed). */
async function fileHolds(path: string, text: string): Promise<string> {
  let content = "";
  for (let i = 0; i < 400 && !content.includes(text); i++) {
    content = await Deno.readTextFile(path).catch(() => "");
    if (!content.includes(text)) await new Promise((r) => setTimeout(r, 25));
  }
  return content;
}

Deno.test("log dir removed before the first start: spawn error and FATAL, then started once it is back", async () => {
  const body = PROGRAM.replace("%AUTOSTART%", "false");
  await using d = await TempDaemon.start(body, { beforeStart: (dir) => Deno.mkdir(`${dir}/logs`) });
  await Deno.remove(`${d.dir}/logs`, { recursive: true });
  const start = await d.ctl("start", "web");
  assert.deepEqual([start.stdout, start.code], ["web: ERROR (spawn error)\n", 7]);
  const status = await d.ctl("status", "web");
  assert.match(
    status.stdout,
    /^web\s+FATAL\s+unknown error making dispatchers for 'web': ENOENT\n$/,
  );
  await d.waitForOutput(/INFO spawnerr: unknown error making dispatchers for 'web': ENOENT/);
  await Deno.mkdir(`${d.dir}/logs`);
  const again = await d.ctl("start", "web");
  assert.deepEqual([again.stdout, again.code], ["web: started\n", 0]);
  assert.equal(await fileHolds(`${d.dir}/logs/web.log`, "tick\n"), "tick\n");
});

Deno.test("log dir removed while running: restart fails the spawn, as supervisord's does", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_logs_" });
  try {
    await using d = await TempDaemon.start(
      PROGRAM.replace("%AUTOSTART%", "true").replace("{{dir}}/logs", dir),
    );
    await d.waitForOutput(/success: web entered RUNNING state/);
    assert.equal(await fileHolds(`${dir}/web.log`, "tick\n"), "tick\n");
    await Deno.remove(dir, { recursive: true });
    const restart = await d.ctl("restart", "web");
    assert.deepEqual([restart.stdout, restart.code], [
      "web: stopped\nweb: ERROR (spawn error)\n",
      7,
    ]);
    await Deno.mkdir(dir);
    const start = await d.ctl("start", "web");
    assert.deepEqual([start.stdout, start.code], ["web: started\n", 0]);
    assert.equal(await fileHolds(`${dir}/web.log`, "tick\n"), "tick\n");
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
