import assert from "node:assert/strict";
import { runWith, standardService } from "./ctl_harness.ts";

const STATUS = "cat                              RUNNING   pid 101, uptime 0:01:00\n" +
  "nf                               STOPPED   Not started\n" +
  "grp:web_00                       RUNNING   pid 102, uptime 0:01:00\n" +
  "grp:web_01                       RUNNING   pid 103, uptime 0:01:00\n";

Deno.test("the shell runs status, then each line, and ends at EOF with an empty line, exit 0", async () => {
  const r = await runWith([], standardService(), {
    input: ["version", "", "foo bar", "  pid  ", "help quit"],
  });
  assert.equal(
    r.out,
    STATUS + "supervisor> 4.2.5\nsupervisor> supervisor> *** Unknown syntax: foo bar\n" +
      "supervisor> 4242\nsupervisor> quit\tExit the supervisor shell.\nsupervisor> \n",
  );
  assert.equal(r.code, 0);
});

Deno.test("quit ends the shell; later lines are not run", async () => {
  const service = standardService();
  const r = await runWith(["-i"], service, { input: ["quit", "shutdown"] });
  assert.equal(r.out, STATUS + "supervisor> \n");
  assert.ok(!service.calls.includes("shutdown"));
});

Deno.test("the shell exits 0 even after failing commands", async () => {
  const r = await runWith([], standardService(), { input: ["start nosuch", "exit"] });
  assert.ok(r.out.includes("nosuch: ERROR (no such process)\n"));
  assert.equal(r.code, 0);
});

Deno.test("the prompt comes from [supervisorctl] prompt", async () => {
  const files = { "/work/supervisord.conf": "[supervisorctl]\nprompt=svc\n" };
  const r = await runWith([], standardService(), { input: [], files });
  assert.ok(r.out.endsWith("svc> \n"));
});

Deno.test("reload in the shell asks first", async () => {
  const service = standardService();
  const r = await runWith([], service, { input: ["reload", "n"] });
  assert.ok(
    r.out.endsWith("supervisor> Really restart the remote supervisord process y/N? supervisor> \n"),
  );
  assert.ok(!service.calls.includes("restart"));
});

Deno.test("Ctrl-C at the prompt ends the shell with an empty line", async () => {
  let fire = () => {};
  const service = standardService();
  const original = service.getAPIVersion.bind(service);
  let checks = 0;
  service.getAPIVersion = () => {
    if (++checks === 2) queueMicrotask(() => fire());
    return original();
  };
  const r = await runWith([], service, { input: ["version"], onInterrupt: (f) => (fire = f) });
  assert.equal(r.code, 0);
  assert.ok(r.out.endsWith("supervisor> \n"));
});
