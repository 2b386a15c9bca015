import assert from "node:assert/strict";
import { RemoteFault } from "../../../src/protocol/faults.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("stop without a name prints the error and the help, exit 1", async () => {
  const r = await runWith(["stop"]);
  assert.ok(
    r.out.startsWith("Error: stop requires a process name\nstop <name>\t\tStop a process\n"),
  );
  assert.equal(r.code, 1);
});

Deno.test("stop prints stopped; stopping a stopped process is not an error", async () => {
  const service = standardService();
  assert.deepEqual(await runWith(["stop", "cat"], service).then((r) => [r.out, r.code]), [
    "cat: stopped\n",
    0,
  ]);
  assert.deepEqual(await runWith(["stop", "cat"], service).then((r) => [r.out, r.code]), [
    "cat: ERROR (not running)\n",
    0,
  ]);
});

Deno.test("stop of an unknown process exits 1, of an unknown group too", async () => {
  const p = await runWith(["stop", "nosuch"]);
  assert.deepEqual([p.out, p.code], ["nosuch: ERROR (no such process)\n", 1]);
  const g = await runWith(["stop", "gg:*"]);
  assert.deepEqual([g.out, g.code], ["gg: ERROR (no such group)\n", 1]);
});

Deno.test("stop all and stop of a group print one line per running process", async () => {
  const all = await runWith(["stop", "all"]);
  assert.equal(all.out, "cat: stopped\ngrp:web_00: stopped\ngrp:web_01: stopped\n");
  assert.equal(all.code, 0);
  const group = await runWith(["stop", "grp:"]);
  assert.equal(group.out, "grp:web_00: stopped\ngrp:web_01: stopped\n");
});

Deno.test("a FAILED result prints the raw fault string", async () => {
  const service = standardService();
  service.stopProcess = () =>
    Promise.reject(new RemoteFault(30, "FAILED: cat could not be stopped"));
  const r = await runWith(["stop", "cat"], service);
  assert.equal(r.out, "FAILED: cat could not be stopped\n");
  assert.equal(r.code, 1);
});
