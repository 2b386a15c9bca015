import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("reload in one-shot mode restarts without asking", async () => {
  const service = standardService();
  const r = await runWith(["reload"], service);
  assert.deepEqual([r.out, r.code], ["Restarted supervisord\n", 0]);
  assert.ok(service.calls.includes("restart"));
});

Deno.test("reload with -i asks first; anything but y declines", async () => {
  const service = standardService();
  const no = await runWith(["-i", "reload"], service, { input: ["n"] });
  assert.equal(no.out, "Really restart the remote supervisord process y/N? ");
  assert.ok(!service.calls.includes("restart"));
  const yes = await runWith(["-i", "reload"], service, { input: ["Yes"] });
  assert.equal(
    yes.out,
    "Really restart the remote supervisord process y/N? Restarted supervisord\n",
  );
});

Deno.test("reload takes no arguments; during shutdown it says so", async () => {
  const args = await runWith(["reload", "x"]);
  assert.deepEqual([args.out, args.code], [
    "Error: reload accepts no arguments\nreload \t\tRestart the remote supervisord.\n",
    1,
  ]);
  const service = standardService();
  service.shuttingDown = true;
  const r = await runWith(["reload"], service);
  assert.deepEqual([r.out, r.code], ["ERROR: already shutting down\n", 1]);
});
