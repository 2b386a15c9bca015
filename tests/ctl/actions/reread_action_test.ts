import assert from "node:assert/strict";
import { FAULT_NUMBERS, RemoteFault } from "../../../src/protocol/faults.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("reread lists changes sorted by name", async () => {
  const service = standardService();
  service.diff = { added: ["newp", "nf2"], changed: ["cat"], removed: ["nf"] };
  const r = await runWith(["reread"], service);
  assert.deepEqual([r.out, r.code], [
    "cat: changed\nnewp: available\nnf: disappeared\nnf2: available\n",
    0,
  ]);
});

Deno.test("reread with nothing changed", async () => {
  assert.equal((await runWith(["reread"])).out, "No config updates to processes\n");
});

Deno.test("reread of a broken config prints the daemon's reason", async () => {
  const service = standardService();
  service.failWith = new RemoteFault(FAULT_NUMBERS.CANT_REREAD, "CANT_REREAD: bad file");
  const r = await runWith(["reread"], service);
  assert.deepEqual([r.out, r.code], ["ERROR: CANT_REREAD: bad file\n", 1]);
});

Deno.test("reread takes no arguments", async () => {
  const r = await runWith(["reread", "x"]);
  assert.equal(
    r.out,
    "Error: reread accepts no arguments\nreread \t\t\tReload the daemon's configuration files without add/remove\n",
  );
  assert.equal(r.code, 1);
});
