import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("clear prints cleared per process, all included", async () => {
  assert.deepEqual(await runWith(["clear", "cat"]).then((r) => [r.out, r.code]), [
    "cat: cleared\n",
    0,
  ]);
  const all = await runWith(["clear", "all"]);
  assert.equal(all.out, "cat: cleared\nnf: cleared\ngrp:web_00: cleared\ngrp:web_01: cleared\n");
});

Deno.test("clear of an unknown name or a group spec fails as supervisorctl does (group:None)", async () => {
  assert.deepEqual(await runWith(["clear", "nosuch"]).then((r) => [r.out, r.code]), [
    "nosuch: ERROR (no such process)\n",
    1,
  ]);
  assert.deepEqual(await runWith(["clear", "grp:*"]).then((r) => [r.out, r.code]), [
    "grp:None: ERROR (no such process)\n",
    1,
  ]);
});

Deno.test("clear without a name prints the error and the help, exit 1", async () => {
  const r = await runWith(["clear"]);
  assert.equal(
    r.out,
    "Error: clear requires a process name\nclear <name>\t\tClear a process' log files.\n" +
      "clear <name> <name>\tClear multiple process' log files\nclear all\t\tClear all process' log files\n",
  );
  assert.equal(r.code, 1);
});
