import assert from "node:assert/strict";
import { ServerUnreachable } from "../../../src/ctl/ctl_errors.ts";
import { FAULT_NUMBERS, RemoteFault } from "../../../src/protocol/faults.ts";
import { type FakeProcess, FakeService } from "../fake_service.ts";
import { runWith, standardService } from "../ctl_harness.ts";

const TABLE = "cat                              RUNNING   pid 101, uptime 0:01:00\n" +
  "nf                               STOPPED   Not started\n" +
  "grp:web_00                       RUNNING   pid 102, uptime 0:01:00\n" +
  "grp:web_01                       RUNNING   pid 103, uptime 0:01:00\n";

Deno.test("status prints supervisorctl's columns and exits 3 when a process is stopped", async () => {
  const r = await runWith(["status"]);
  assert.equal(r.out, TABLE);
  assert.equal(r.code, 3);
});

Deno.test("status of running processes only exits 0", async () => {
  const r = await runWith(["status", "cat", "grp:*"]);
  assert.equal(
    r.out,
    TABLE.split("\n").filter((l) => l.includes("RUNNING")).map((l) => l + "\n").join(""),
  );
  assert.equal(r.code, 0);
});

Deno.test("status widens the name column for long namespecs", async () => {
  const long = "a".repeat(40);
  const r = await runWith(
    ["status"],
    new FakeService([
      {
        name: long,
        group: "g",
        statename: "RUNNING",
        pid: 1,
        description: "pid 1, uptime 0:00:01",
      },
    ]),
  );
  assert.equal(r.out, `g:${long}${" ".repeat(3)}RUNNING   pid 1, uptime 0:00:01\n`);
});

Deno.test("status names bad processes and groups first and exits 4", async () => {
  const r = await runWith(["status", "grp:", "nosuch", "gg:", "x:y"]);
  assert.equal(
    r.out,
    "nosuch: ERROR (no such process)\ngg: ERROR (no such group)\nx:y: ERROR (no such process)\n" +
      TABLE.split("\n").filter((l) => l.startsWith("grp")).map((l) => l + "\n").join(""),
  );
  assert.equal(r.code, 4);
});

Deno.test("a stopped process shown after a bad name makes the exit 3 (the last code wins)", async () => {
  const r = await runWith(["status", "nosuch", "nf"]);
  assert.equal(r.code, 3);
});

Deno.test("status with no processes prints nothing and exits 0", async () => {
  const r = await runWith(["status"], new FakeService([]));
  assert.equal(r.out, "");
  assert.equal(r.code, 0);
});

Deno.test("status makes one getAllProcessInfo call for 1,000 processes", async () => {
  const many: FakeProcess[] = Array.from({ length: 1000 }, (_, i) => ({
    name: `p${String(i).padStart(4, "0")}`,
    group: "big",
    statename: "RUNNING",
    pid: 10 + i,
    description: `pid ${10 + i}, uptime 0:00:01`,
  }));
  const service = new FakeService(many);
  const r = await runWith(["status"], service);
  assert.deepEqual(service.calls, ["getAPIVersion", "getAllProcessInfo"]);
  assert.equal(r.out.split("\n").length, 1001);
  assert.ok(
    r.out.startsWith("big:p0000                        RUNNING   pid 10, uptime 0:00:01\n"),
  );
});

Deno.test("status when the socket is missing says so and exits 4", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable(
    "unix:///tmp/s.sock",
    "ENOENT",
    "No such file or directory",
  );
  const r = await runWith(["status"], service);
  assert.equal(r.out, "unix:///tmp/s.sock no such file\n");
  assert.equal(r.code, 4);
});

Deno.test("status when the port refuses says so and exits 4", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable("http://127.0.0.1:9", "ECONNREFUSED", "refused");
  const r = await runWith(["status"], service);
  assert.equal(r.out, "http://127.0.0.1:9 refused connection\n");
  assert.equal(r.code, 4);
});

Deno.test("a server without the supervisor namespace gets supervisorctl's apology, exit 4 for status", async () => {
  const service = standardService();
  service.failWith = new RemoteFault(FAULT_NUMBERS.UNKNOWN_METHOD, "UNKNOWN_METHOD");
  const r = await runWith(["status"], service);
  assert.match(
    r.out,
    /^Sorry, supervisord responded but did not recognize the supervisor namespace/,
  );
  assert.equal(r.code, 4);
});

Deno.test("another API version is refused (exit 5; status 4)", async () => {
  const service = standardService();
  service.apiVersion = "2.0";
  const v = await runWith(["version"], service);
  assert.equal(
    v.out,
    "Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.\n",
  );
  assert.equal(v.code, 5);
  assert.equal((await runWith(["status"], service)).code, 4);
});

Deno.test("status --json prints the processes with their namespecs", async () => {
  const r = await runWith(["status", "--json", "grp:web_00", "nosuch"]);
  const parsed = JSON.parse(r.out);
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].namespec, "grp:web_00");
  assert.equal(parsed[0].statename, "RUNNING");
  assert.equal(parsed[0].pid, 102);
  assert.equal(r.err, "nosuch: ERROR (no such process)\n");
  assert.equal(r.code, 4);
});

Deno.test("the global --json option works for status too", async () => {
  const r = await runWith(["--json", "status"]);
  assert.equal(JSON.parse(r.out).length, 4);
  assert.equal(r.code, 3);
});
