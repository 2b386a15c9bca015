import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

function changedWorld() {
  const service = standardService();
  service.diff = { added: ["newp"], changed: ["cat"], removed: ["nf"] };
  service.available.set("newp", [{
    name: "newp",
    group: "newp",
    statename: "STOPPED",
    pid: 0,
    description: "",
  }]);
  service.available.set("cat", []);
  return service;
}

Deno.test("update applies removed, changed, then added groups", async () => {
  const service = changedWorld();
  const r = await runWith(["update"], service);
  assert.equal(
    r.out,
    "nf: stopped\nnf: removed process group\ncat: stopped\ncat: updated process group\nnewp: added process group\n",
  );
  assert.equal(r.code, 0);
});

Deno.test("update of named groups touches only them and names unknown ones", async () => {
  const service = changedWorld();
  const r = await runWith(["update", "newp", "nosuch"], service);
  assert.equal(r.out, "ERROR: no such group: nosuch\nnewp: added process group\n");
  assert.equal(r.code, 1);
});

Deno.test("update all is update", async () => {
  const r = await runWith(["update", "all"], changedWorld());
  assert.ok(r.out.endsWith("newp: added process group\n"));
});

Deno.test("update does not remove a group whose stop failed", async () => {
  const service = changedWorld();
  service.stopProcessGroup = (name) =>
    Promise.resolve([{ name, group: name, status: "FAILED" as const, description: "FAILED" }]);
  service.diff = { added: [], changed: [], removed: ["nf"] };
  const r = await runWith(["update"], service);
  assert.deepEqual([r.out, r.code], ["nf: stopped\nnf: has problems; not removing\n", 1]);
});
