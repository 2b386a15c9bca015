import assert from "node:assert/strict";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("maintail prints the main log's last bytes", async () => {
  const r = await runWith(["maintail"]);
  assert.deepEqual([r.out, r.code], ["main log line\n\n", 0]);
  assert.equal((await runWith(["maintail", "-5"])).out, "line\n\n");
});

Deno.test("maintail argument errors", async () => {
  const many = await runWith(["maintail", "a", "b"]);
  assert.equal(
    many.out,
    "Error: too many arguments\nmaintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n" +
      "maintail -100\tlast 100 *bytes* of supervisord main log file\n" +
      "maintail\tlast 1600 *bytes* of supervisor main log file\n\n",
  );
  assert.equal(many.code, 1);
  assert.deepEqual(await runWith(["maintail", "x"]).then((r) => [r.out, r.code]), [
    "Error: bad argument x\n",
    1,
  ]);
  assert.deepEqual(await runWith(["maintail", "-x"]).then((r) => [r.out, r.code]), [
    "Error: bad argument -x\n",
    1,
  ]);
});

Deno.test("maintail without a log file says so", async () => {
  const service = standardService();
  service.mainLog = null;
  const r = await runWith(["maintail"], service);
  assert.deepEqual([r.out, r.code], ["supervisord: ERROR (no log file)\n", 1]);
});

Deno.test("maintail -f streams the main log until it ends", async () => {
  const service = standardService();
  service.followEnds = true;
  service.mainFollow = ["a\n", "b\n"];
  const r = await runWith(["maintail", "-f"], service);
  assert.deepEqual([r.out, r.code], ["==> Press Ctrl-C to exit <==\na\nb\n", 0]);
});
