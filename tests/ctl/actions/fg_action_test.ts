import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("fg argument and state errors", async () => {
  const none = await runWith(["fg"]);
  assert.equal(
    none.out,
    "ERROR: no process name supplied\nfg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit\n",
  );
  assert.equal(none.code, 1);
  assert.deepEqual(await runWith(["fg", "a", "b"]).then((r) => [r.out, r.code]), [
    "ERROR: too many process names supplied\n",
    1,
  ]);
  assert.deepEqual(await runWith(["fg", "nosuch"]).then((r) => [r.out, r.code]), [
    "ERROR: bad process name supplied\n",
    1,
  ]);
  assert.deepEqual(await runWith(["fg", "nf"]).then((r) => [r.out, r.code]), [
    "ERROR: process not running\n",
    1,
  ]);
});

Deno.test("fg sends typed lines to the process and leaves at end of input", async () => {
  const service = standardService();
  const r = await runWith(["fg", "cat"], service, { input: ["hello", "world"] });
  assert.deepEqual(service.stdinReceived, ["hello\n", "world\n"]);
  assert.equal(r.out, "==> Press Ctrl-C to exit <==\nExiting foreground\n");
  assert.equal(r.code, 0);
  assert.equal(service.closedFollows, 2);
});

Deno.test("fg notices a process that died", async () => {
  const service = standardService();
  const r = await runWith(["fg", "cat"], service, { input: ["die", "never sent"] });
  assert.deepEqual(service.stdinReceived, ["die\n"]);
  assert.equal(r.out, "==> Press Ctrl-C to exit <==\nProcess got killed\nExiting foreground\n");
});

Deno.test("fg streams the process's output", async () => {
  const service = standardService();
  service.processes[0]!.follow = ["out\n"];
  service.followEnds = true;
  const r = await runWith(["fg", "cat"], service, { input: [] });
  assert.ok(r.out.startsWith("==> Press Ctrl-C to exit <==\n"));
  assert.ok(r.out.includes("out\n"));
  assert.ok(r.out.includes("Exiting foreground\n"));
});
