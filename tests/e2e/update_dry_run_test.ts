import assert from "node:assert/strict";
import { daemonHeader, TempDaemon } from "../helpers/temp_daemon.ts";

Deno.test("update --dry-run: added, removed, changed with old -> new and who would restart; changes nothing", async () => {
  await using d = await TempDaemon.start(`
[program:web]
command=/bin/sleep 1000
startsecs=0

[program:old]
command=/bin/sleep 1000
startsecs=0
`);
  await d.waitForOutput(/success: old entered RUNNING/);
  await d.waitForOutput(/success: web entered RUNNING/);
  await Deno.writeTextFile(
    d.conf,
    daemonHeader(d.dir) + `
[program:web]
command=/bin/sleep 2000
startsecs=3

[program:new]
command=/bin/sleep 1000
`,
  );
  const before = (await d.ctl("status")).stdout.replace(/uptime \S+/g, "");
  const dry = await d.ctl("update --dry-run");
  assert.equal(
    dry.stdout,
    "old: removed (would stop old)\n" +
      "web: changed (would stop web, then start web)\n" +
      '  web command: "/bin/sleep 1000" -> "/bin/sleep 2000"\n' +
      "  web startsecs: 0 -> 3\n" +
      "new: added (would start new)\n",
  );
  assert.equal(dry.code, 0);
  assert.equal(
    (await d.ctl("update --dry-run web")).stdout.split("\n")[0],
    "web: changed (would stop web, then start web)",
  );
  const json = JSON.parse((await d.ctl("update --dry-run --json new")).stdout);
  assert.deepEqual(json, {
    groups: [{ group: "new", change: "added", options: [], stops: [], starts: ["new"] }],
    problems: [],
  });
  const missing = await d.ctl("update --dry-run nope");
  assert.equal(
    missing.stdout,
    "ERROR: no such group: nope\n",
  );
  assert.equal(missing.code, 1);
  assert.equal((await d.ctl("status")).stdout.replace(/uptime \S+/g, ""), before);
  assert.doesNotMatch(d.output, /stopped: (web|old)/);
  const update = await d.ctl("update");
  assert.match(
    update.stdout,
    /old: stopped\nold: removed process group\nweb: stopped\nweb: updated process group\nnew: added process group\n/,
  );
});
