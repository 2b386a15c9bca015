import assert from "node:assert/strict";
import { ServerUnreachable } from "../../../src/ctl/ctl_errors.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("open rejects other schemes", async () => {
  assert.deepEqual(await runWith(["open", "ftp://x"]).then((r) => [r.out, r.code]), [
    "ERROR: url must be http:// or unix://\n",
    1,
  ]);
});

Deno.test("open switches the server and shows its status, keeping the exit status", async () => {
  const other = standardService();
  other.failWith = new ServerUnreachable("unix:///other.sock", "ENOENT", "");
  const r = await runWith(["open", "unix:///other.sock"], standardService(), {
    serviceFor: (s) => s.serverurl === "unix:///other.sock" ? other : standardService(),
  });
  assert.equal(r.out, "unix:///other.sock no such file\n");
  assert.equal(r.code, 0);
});
