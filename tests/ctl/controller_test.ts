import assert from "node:assert/strict";
import { AuthRequired, ServerUnreachable } from "../../src/ctl/ctl_errors.ts";
import { FAULT_NUMBERS, RemoteFault } from "../../src/protocol/faults.ts";
import { runWith, standardService } from "./ctl_harness.ts";

Deno.test("an unknown action prints supervisorctl's line, suggests the closest action, exit 1", async () => {
  const r = await runWith(["stauts"]);
  assert.equal(r.out, "*** Unknown syntax: stauts\n");
  assert.equal(r.err, '(did you mean "status"?)\n');
  assert.equal(r.code, 1);
});

Deno.test("an unknown action far from every action gets no suggestion", async () => {
  const r = await runWith(["frobnicate", "x"]);
  assert.equal(r.out, "*** Unknown syntax: frobnicate x\n");
  assert.equal(r.err, "");
});

Deno.test("a line not starting with a word is unknown syntax", async () => {
  assert.equal((await runWith(["!ls"])).out, "*** Unknown syntax: !ls\n");
  assert.equal((await runWith(["?status"])).out, (await runWith(["help", "status"])).out);
});

Deno.test("a 401 in one-shot mode prints Server requires authentication, exit 1", async () => {
  const service = standardService();
  service.failWith = new AuthRequired();
  const r = await runWith(["status"], service);
  assert.deepEqual([r.out, r.code], ["Server requires authentication\n", 1]);
});

Deno.test("a 401 in interactive mode asks for credentials and retries with them", async () => {
  const service = standardService();
  service.failWith = new AuthRequired();
  const r = await runWith(["-i", "version"], service, {
    input: ["user", "123"],
    serviceFor: (s) => {
      if (s.username === "user" && s.password === "123") service.failWith = null;
      return service;
    },
  });
  assert.equal(r.out, "Server requires authentication\nUsername:Password:\n4.2.5\n");
  assert.equal(r.code, 0);
});

Deno.test("a daemon gone for an action without a connection check: one line, exit 1", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable("http://127.0.0.1:9", "ECONNREFUSED", "");
  const r = await runWith(["reread"], service);
  assert.deepEqual([r.out, r.code], ["http://127.0.0.1:9 refused connection\n", 1]);
});

Deno.test("an unexpected fault prints it the way Python shows one, exit 1", async () => {
  const service = standardService();
  service.getAllProcessInfo = () =>
    Promise.reject(new RemoteFault(FAULT_NUMBERS.SHUTDOWN_STATE, "SHUTDOWN_STATE"));
  const r = await runWith(["status"], service);
  assert.deepEqual([r.out, r.code], ["error: <Fault 6: 'SHUTDOWN_STATE'>\n", 1]);
});

Deno.test("an unexpected error prints error: and the message, exit 1", async () => {
  const service = standardService();
  service.getPID = () => Promise.reject(new Error("boom"));
  const r = await runWith(["pid"], service);
  assert.deepEqual([r.out, r.code], ["error: boom\n", 1]);
});

Deno.test("other socket errors during the connection check are errors, exit 1", async () => {
  const service = standardService();
  service.failWith = new ServerUnreachable("unix:///s.sock", "EACCES", "");
  const r = await runWith(["status"], service);
  assert.deepEqual([r.out, r.code], ["unix:///s.sock permission denied\n", 1]);
});
