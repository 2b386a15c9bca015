import assert from "node:assert/strict";
import { ServerUnreachable } from "../../../src/ctl/ctl_errors.ts";
import { FAULT_NUMBERS, RemoteFault } from "../../../src/protocol/faults.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("avail prints supervisorctl's columns, sorted as the daemon sends them", async () => {
  const r = await runWith(["avail"]);
  assert.equal(
    r.out,
    "cat                              in use    auto      999:999\n" +
      "nf                               in use    manual    999:999\n" +
      "grp:web_00                       in use    auto      999:999\n" +
      "grp:web_01                       in use    auto      999:999\n",
  );
  assert.equal(r.code, 0);
});

Deno.test("avail takes no arguments", async () => {
  const r = await runWith(["avail", "x"]);
  assert.deepEqual([r.out, r.code], [
    "Error: avail accepts no arguments\navail\t\t\tDisplay all configured processes\n",
    1,
  ]);
});

Deno.test("avail while the daemon shuts down", async () => {
  const service = standardService();
  service.failWith = new RemoteFault(FAULT_NUMBERS.SHUTDOWN_STATE, "SHUTDOWN_STATE");
  const r = await runWith(["avail"], service);
  assert.deepEqual([r.out, r.code], ["ERROR: supervisor shutting down\n", 1]);
});

Deno.test("avail with no daemon: one clear line naming the socket, exit 1", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable("unix:///run/s.sock", "ENOENT", "");
  const r = await runWith(["avail"], service);
  assert.deepEqual([r.out, r.code], ["unix:///run/s.sock no such file\n", 1]);
});

Deno.test("avail --json", async () => {
  const parsed = JSON.parse((await runWith(["avail", "--json"])).out);
  assert.deepEqual(parsed[1], {
    namespec: "nf",
    name: "nf",
    group: "nf",
    inuse: true,
    autostart: false,
    group_prio: 999,
    process_prio: 999,
  });
});
