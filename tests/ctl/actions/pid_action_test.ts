import assert from "node:assert/strict";
import { runWith } from "../ctl_harness.ts";

Deno.test("pid prints supervisord's pid", async () => {
  const r = await runWith(["pid"]);
  assert.deepEqual([r.out, r.code], ["4242\n", 0]);
});

Deno.test("pid NAME prints the child's pid; 0 for a stopped one exits 7", async () => {
  assert.deepEqual(await runWith(["pid", "cat"]).then((r) => [r.out, r.code]), ["101\n", 0]);
  assert.deepEqual(await runWith(["pid", "nf"]).then((r) => [r.out, r.code]), ["0\n", 7]);
});

Deno.test("pid of an unknown name or a group spec says No such process, exit 1", async () => {
  const r = await runWith(["pid", "cat", "nosuch", "grp:*"]);
  assert.equal(r.out, "101\nNo such process nosuch\nNo such process grp:*\n");
  assert.equal(r.code, 1);
});

Deno.test("pid all prints every child's pid, 0 included, and exits 0", async () => {
  const r = await runWith(["pid", "all"]);
  assert.deepEqual([r.out, r.code], ["101\n0\n102\n103\n", 0]);
});

Deno.test("pid --json gives objects", async () => {
  assert.deepEqual(JSON.parse((await runWith(["pid", "--json"])).out), { pid: 4242 });
  assert.deepEqual(JSON.parse((await runWith(["pid", "--json", "all"])).out)[2], {
    namespec: "grp:web_00",
    pid: 102,
  });
  const named = await runWith(["pid", "--json", "cat", "nosuch"]);
  assert.deepEqual(JSON.parse(named.out), [{ namespec: "cat", pid: 101 }]);
  assert.equal(named.err, "No such process nosuch\n");
  assert.equal(named.code, 1);
});
