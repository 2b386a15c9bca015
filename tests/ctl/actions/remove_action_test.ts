import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("remove of a stopped group, a running group and an unknown one", async () => {
  assert.deepEqual(await runWith(["remove", "nf"]).then((r) => [r.out, r.code]), [
    "nf: removed process group\n",
    0,
  ]);
  assert.deepEqual(await runWith(["remove", "cat"]).then((r) => [r.out, r.code]), [
    "ERROR: process/group still running: cat\n",
    1,
  ]);
  assert.deepEqual(await runWith(["remove", "nosuch"]).then((r) => [r.out, r.code]), [
    "ERROR: no such process/group: nosuch\n",
    1,
  ]);
});
