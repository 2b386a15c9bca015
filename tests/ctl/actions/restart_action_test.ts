import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("restart stops then starts, printing both", async () => {
  const r = await runWith(["restart", "cat", "nf"]);
  assert.equal(
    r.out,
    "cat: stopped\nnf: ERROR (not running)\ncat: started\nnf: ERROR (no such file)\n",
  );
  assert.equal(r.code, 1);
});

Deno.test("restart without a name prints the error and the help with its note, exit 1", async () => {
  const r = await runWith(["restart"]);
  assert.ok(r.out.startsWith("Error: restart requires a process name\n"));
  assert.ok(
    r.out.endsWith(
      "Note: restart does not reread config files. For that, see reread and update.\n",
    ),
  );
  assert.equal(r.code, 1);
});
