/** Tests event payloads against the texts a real supervisord 4.2.5 sent to a listener (§6.2 of the reference). */

import assert from "node:assert/strict";
import { isEventTypeName, isSubtype } from "../../src/events/event_types.ts";
import { decodeData, eventPayload } from "../../src/events/supervisor_event.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("eventPayload: the process state payloads", () => {
  const base = { processName: "echo", groupName: "echo", expected: true, tries: 0, pid: 23017 };
  assert.equal(
    eventPayload({ ...base, type: "PROCESS_STATE_STARTING", fromState: "STOPPED", pid: 0 }),
    "processname:echo groupname:echo from_state:STOPPED tries:0",
  );
  assert.equal(
    eventPayload({ ...base, type: "PROCESS_STATE_EXITED", fromState: "RUNNING", expected: false }),
    "processname:echo groupname:echo from_state:RUNNING expected:0 pid:23017",
  );
  assert.equal(
    eventPayload({ ...base, type: "PROCESS_STATE_BACKOFF", fromState: "STARTING", tries: 2 }),
    "processname:echo groupname:echo from_state:STARTING tries:2",
  );
  for (
    const type of [
      "PROCESS_STATE_RUNNING",
      "PROCESS_STATE_STOPPING",
      "PROCESS_STATE_STOPPED",
    ] as const
  ) {
    assert.equal(
      eventPayload({ ...base, type, fromState: "STARTING" }),
      "processname:echo groupname:echo from_state:STARTING pid:23017",
    );
  }
  assert.equal(
    eventPayload({ ...base, type: "PROCESS_STATE_FATAL", fromState: "BACKOFF" }),
    "processname:echo groupname:echo from_state:BACKOFF",
  );
});

Deno.test("eventPayload: log, communication, remote, supervisor, tick and group payloads", () => {
  const data = { processName: "echo", groupName: "echo", pid: 23017 };
  const log = eventPayload({ ...data, type: "PROCESS_LOG_STDOUT", data: enc("hello\n") });
  assert.equal(log, "processname:echo groupname:echo pid:23017 channel:stdout\nhello\n");
  assert.equal(log.length, 63);
  assert.equal(
    eventPayload({ ...data, type: "PROCESS_COMMUNICATION_STDOUT", data: enc("captured") }),
    "processname:echo groupname:echo pid:23017\ncaptured",
  );
  assert.equal(
    eventPayload({ type: "REMOTE_COMMUNICATION", commType: "mytype", data: "mydata" }),
    "type:mytype\nmydata",
  );
  assert.equal(eventPayload({ type: "SUPERVISOR_STATE_CHANGE_RUNNING" }), "");
  assert.equal(eventPayload({ type: "TICK_5", when: 1795527265 }), "when:1795527265");
  assert.equal(
    eventPayload({ type: "PROCESS_GROUP_REMOVED", groupName: "lis" }),
    "groupname:lis\n",
  );
});

Deno.test("decodeData: invalid UTF-8 is shown as Python bytes", () => {
  assert.equal(decodeData(new Uint8Array([0x61, 0xff, 0x0a, 0x27])), `Undecodable: b"a\\xff\\n'"`);
  assert.equal(decodeData(enc("é")), "é");
});

Deno.test("event types: hierarchy and names", () => {
  assert.equal(isSubtype("TICK_60", "TICK"), true);
  assert.equal(isSubtype("TICK_60", "PROCESS_STATE"), false);
  assert.equal(isSubtype("PROCESS_COMMUNICATION_STDERR", "EVENT"), true);
  assert.equal(isEventTypeName("PROCESS_LOG"), true);
  assert.equal(isEventTypeName("PROCESS_LOGS"), false);
});
