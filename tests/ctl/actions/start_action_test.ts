import assert from "node:assert/strict";
import { ServerUnreachable } from "../../../src/ctl/ctl_errors.ts";
import { runWith, standardService } from "../ctl_harness.ts";

Deno.test("start without a name prints the error and the help, exit 2", async () => {
  const r = await runWith(["start"]);
  assert.equal(
    r.out,
    "Error: start requires a process name\nstart <name>\t\tStart a process\n" +
      "start <gname>:*\t\tStart all processes in a group\nstart <name> <name>\tStart multiple processes or groups\n" +
      "start all\t\tStart all processes\n",
  );
  assert.equal(r.code, 2);
});

Deno.test("start of a running process says already started and exits 0", async () => {
  const r = await runWith(["start", "cat"]);
  assert.equal(r.out, "cat: ERROR (already started)\n");
  assert.equal(r.code, 0);
});

Deno.test("start of a missing command says no such file and exits 1", async () => {
  const r = await runWith(["start", "nf"]);
  assert.equal(r.out, "nf: ERROR (no such file)\n");
  assert.equal(r.code, 1);
});

Deno.test("start maps every fault to supervisorctl's words and exit codes", async () => {
  const cases = [
    ["notexec", "file is not executable", 1],
    ["spawnerr", "spawn error", 7],
    ["abnormal", "abnormal termination", 7],
  ] as const;
  for (const [behaviour, words, code] of cases) {
    const service = standardService();
    service.processes[1]!.start = behaviour;
    const r = await runWith(["start", "nf"], service);
    assert.equal(r.out, `nf: ERROR (${words})\n`);
    assert.equal(r.code, code);
  }
});

Deno.test("start of an unknown process or group", async () => {
  const p = await runWith(["start", "nosuch"]);
  assert.equal(p.out, "nosuch: ERROR (no such process)\n");
  assert.equal(p.code, 1);
  const g = await runWith(["start", "gg:"]);
  assert.equal(g.out, "gg: ERROR (no such group)\n");
  assert.equal(g.code, 2);
});

Deno.test("start all prints one line per process started or failed", async () => {
  const service = standardService();
  service.processes[0]!.statename = "STOPPED";
  const r = await runWith(["start", "all"], service);
  assert.equal(r.out, "cat: started\nnf: ERROR (no such file)\n");
  assert.equal(r.code, 1);
});

Deno.test("start of a group starts only its stopped processes, with group:name specs", async () => {
  const service = standardService();
  service.processes[3]!.statename = "STOPPED";
  const r = await runWith(["start", "grp:*"], service);
  assert.equal(r.out, "grp:web_01: started\n");
  assert.equal(r.code, 0);
});

Deno.test("start when the daemon is not running: no such file, exit 7", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable("unix:///run/s.sock", "ENOENT", "");
  const r = await runWith(["start", "cat"], service);
  assert.equal(r.out, "unix:///run/s.sock no such file\n");
  assert.equal(r.code, 7);
});
