/** The wire contract both ends share: what the server encodes, ctl decodes to the same values, or says what is wrong. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import {
  faultCodeOf,
  faultNumber,
  faultRepr,
  faultStringOf,
  RemoteFault,
} from "../../src/protocol/faults.ts";
import {
  daemonStateValue,
  decodeConfigInfos,
  decodeDaemonState,
  decodeDiff,
  decodeProcessInfo,
  decodeResults,
  decodeTail,
  diffValue,
  processInfoValue,
  ProtocolError,
  resultsValue,
  tailValue,
} from "../../src/protocol/rpc_values.ts";
import type { ProcessInfo } from "../../src/protocol/types.ts";
import {
  decodeMethodResponse,
  encodeMethodResponse,
  type XmlRpcValue,
} from "../../src/protocol/xmlrpc_codec.ts";

/** A value through the XML of a methodResponse and back, as it crosses the wire. */
function wire(value: XmlRpcValue): XmlRpcValue {
  const decoded = decodeMethodResponse(encodeMethodResponse(value));
  if (!decoded.ok) throw new Error("fault");
  return decoded.value;
}

const info: ProcessInfo = {
  name: "web_01",
  group: "web",
  description: "pid 12, uptime 0:00:03",
  start: 100,
  stop: 0,
  now: 103,
  statename: "RUNNING",
  spawnerr: "",
  exitstatus: 0,
  stdout_logfile: "/l/out.log",
  stderr_logfile: "",
  pid: 12,
};

Deno.test("process info: supervisor's struct on the wire (state code, logfile alias), the domain back", () => {
  const value = processInfoValue(info) as Record<string, XmlRpcValue>;
  assert.equal(value["state"], 20);
  assert.equal(value["logfile"], "/l/out.log");
  assert.deepEqual(decodeProcessInfo(wire(value), "getProcessInfo"), info);
});

Deno.test("results: fault names become numbers on the wire and names again", () => {
  const results = [
    { name: "a", group: "g", status: "SUCCESS" as const, description: "OK" },
    { name: "b", group: "g", status: "NOT_RUNNING" as const, description: "NOT_RUNNING: b" },
  ];
  const value = resultsValue(results) as Record<string, XmlRpcValue>[];
  assert.deepEqual(value.map((r) => r["status"]), [80, 70]);
  assert.deepEqual(decodeResults(wire(value), "stopProcessGroup"), results);
});

Deno.test("state, tail and diff survive the wire", () => {
  assert.equal(decodeDaemonState(wire(daemonStateValue("RESTARTING")), "getState"), "RESTARTING");
  const tail = { text: "abc", offset: 3, overflow: true };
  assert.deepEqual(decodeTail(wire(tailValue(tail)), "tailLog"), tail);
  const diff = { added: ["a"], changed: [], removed: ["r"] };
  assert.deepEqual(decodeDiff(wire(diffValue(diff)), "reloadConfig"), diff);
});

Deno.test("a reply of the wrong shape is a ProtocolError naming the member", () => {
  const value = { ...(processInfoValue(info) as Record<string, XmlRpcValue>), pid: "12" };
  assert.throws(
    () => decodeProcessInfo(value, "getProcessInfo"),
    (e: unknown) =>
      e instanceof ProtocolError &&
      e.message === 'getProcessInfo: member "pid" should be an int, got string "12"',
  );
  assert.throws(() => decodeResults("x", "startAllProcesses"), ProtocolError);
  assert.throws(
    () => decodeDaemonState({ statecode: 1, statename: "FATAL" }, "getState"),
    ProtocolError,
  );
  assert.throws(() => decodeConfigInfos([{ name: "x" }], "getAllConfigInfo"), /member "autostart"/);
});

Deno.test("faults: one table both ways, Python's repr for display", () => {
  assert.equal(faultNumber("SPAWN_ERROR"), 50);
  assert.equal(faultCodeOf(50), "SPAWN_ERROR");
  assert.equal(faultCodeOf(12345), "FAILED");
  const remote = new RemoteFault(10, "BAD_NAME: web");
  assert.deepEqual([remote.code, remote.message, faultStringOf(remote)], [
    "BAD_NAME",
    "web",
    "BAD_NAME: web",
  ]);
  assert.equal(faultRepr(new SvisorError("BAD_NAME", "it's")), `<Fault 10: "BAD_NAME: it's">`);
});
