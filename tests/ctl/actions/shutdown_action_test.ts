import assert from "node:assert/strict";
import { ServerUnreachable } from "../../../src/ctl/ctl_errors.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("shutdown in one-shot mode shuts down without asking", async () => {
  const r = await runWith(["shutdown"]);
  assert.deepEqual([r.out, r.code], ["Shut down\n", 0]);
});

Deno.test("shutdown with -i asks first", async () => {
  const r = await runWith(["-i", "shutdown"], standardService(), { input: ["y"] });
  assert.equal(r.out, "Really shut the remote supervisord process down y/N? Shut down\n");
});

Deno.test("shutdown of a daemon already shutting down or gone", async () => {
  const service = standardService();
  service.shuttingDown = true;
  assert.deepEqual(await runWith(["shutdown"], service).then((r) => [r.out, r.code]), [
    "ERROR: already shutting down\n",
    0,
  ]);
  const gone = standardService();
  gone.failWith = new ServerUnreachable("http://127.0.0.1:9", "ECONNREFUSED", "");
  assert.deepEqual(await runWith(["shutdown"], gone).then((r) => [r.out, r.code]), [
    "ERROR: http://127.0.0.1:9 refused connection (already shut down?)\n",
    1,
  ]);
});
