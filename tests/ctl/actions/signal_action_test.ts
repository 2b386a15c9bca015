import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("signal needs a signal and a name", async () => {
  const r = await runWith(["signal", "HUP"]);
  assert.ok(
    r.out.startsWith(
      "Error: signal requires a signal name and a process name\nsignal <signal name> <name>",
    ),
  );
  assert.equal(r.code, 1);
});

Deno.test("signal prints signalled, and maps bad signals and stopped processes", async () => {
  assert.deepEqual(await runWith(["signal", "HUP", "cat"]).then((r) => [r.out, r.code]), [
    "cat: signalled\n",
    0,
  ]);
  assert.deepEqual(await runWith(["signal", "BOGUS", "cat"]).then((r) => [r.out, r.code]), [
    "cat: ERROR (bad signal name)\n",
    1,
  ]);
  assert.deepEqual(await runWith(["signal", "HUP", "nf"]).then((r) => [r.out, r.code]), [
    "nf: ERROR (not running)\n",
    7,
  ]);
  assert.deepEqual(await runWith(["signal", "HUP", "gg:"]).then((r) => [r.out, r.code]), [
    "gg: ERROR (no such group)\n",
    1,
  ]);
});

Deno.test("signal of a group and of all gives one line per process", async () => {
  const g = await runWith(["signal", "BOGUS", "grp:*"]);
  assert.equal(g.out, "grp:web_00: ERROR (bad signal name)\ngrp:web_01: ERROR (bad signal name)\n");
  assert.equal(g.code, 1);
  const all = await runWith(["signal", "USR1", "all"]);
  assert.equal(
    all.out,
    "cat: signalled\nnf: ERROR (not running)\ngrp:web_00: signalled\ngrp:web_01: signalled\n",
  );
  assert.equal(all.code, 7);
});
