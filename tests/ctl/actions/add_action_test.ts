import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("add activates an available group", async () => {
  const service = standardService();
  service.available.set("newp", [{
    name: "newp",
    group: "newp",
    statename: "STOPPED",
    pid: 0,
    description: "",
  }]);
  const r = await runWith(["add", "newp"], service);
  assert.deepEqual([r.out, r.code], ["newp: added process group\n", 0]);
});

Deno.test("add of an active group is reported but exits 0; of an unknown one exits 1", async () => {
  assert.deepEqual(await runWith(["add", "cat"]).then((r) => [r.out, r.code]), [
    "ERROR: process group already active\n",
    0,
  ]);
  assert.deepEqual(await runWith(["add", "nosuch"]).then((r) => [r.out, r.code]), [
    "ERROR: no such process/group: nosuch\n",
    1,
  ]);
});
