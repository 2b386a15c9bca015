import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("version prints the daemon's supervisor version", async () => {
  assert.deepEqual(await runWith(["version"]).then((r) => [r.out, r.code]), ["4.2.5\n", 0]);
});

Deno.test("version takes no arguments", async () => {
  assert.deepEqual(await runWith(["version", "x"]).then((r) => [r.out, r.code]), [
    "Error: version accepts no arguments\nversion\t\t\tShow the version of the remote supervisord process\n",
    1,
  ]);
});

Deno.test("version --json", async () => {
  assert.deepEqual(JSON.parse((await runWith(["version", "--json"])).out), { version: "4.2.5" });
});
