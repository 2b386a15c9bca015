/** Tests the bus: delivery by type and ancestor, unsubscribe, listener errors, wants(). */

import assert from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import type { SupervisorEvent } from "../../src/events/supervisor_event.ts";

const running: SupervisorEvent = {
  type: "PROCESS_STATE_RUNNING",
  processName: "web",
  groupName: "web",
  fromState: "STARTING",
  expected: true,
  tries: 0,
  pid: 7,
};

Deno.test("EventBus: an event reaches its type, its abstract parents and EVENT, most specific first", () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe("EVENT", (e) => seen.push(`EVENT ${e.type}`));
  bus.subscribe("PROCESS_STATE", (e) => seen.push(`PROCESS_STATE ${e.fromState}`));
  bus.subscribe("PROCESS_STATE_RUNNING", (e) => seen.push(`RUNNING ${e.pid}`));
  bus.subscribe("PROCESS_STATE_EXITED", () => seen.push("EXITED"));
  bus.subscribe("TICK", () => seen.push("TICK"));
  bus.publish(running);
  assert.deepEqual(seen, ["RUNNING 7", "PROCESS_STATE STARTING", "EVENT PROCESS_STATE_RUNNING"]);
});

Deno.test("EventBus: internal events do not reach EVENT subscribers", () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe("EVENT", (e) => seen.push(e.type));
  bus.subscribe("MAIN_LOG_LINE", (e) => seen.push(e.line));
  bus.publish({ type: "MAIN_LOG_LINE", line: "x\n" });
  bus.publish({
    type: "PROCESS_OUTPUT",
    processName: "a",
    groupName: "a",
    channel: "stdout",
    pid: 1,
    data: new Uint8Array(),
  });
  assert.deepEqual(seen, ["x\n"]);
  assert.equal(bus.wants("PROCESS_OUTPUT"), false);
  assert.equal(bus.wants("MAIN_LOG_LINE"), true);
  assert.equal(bus.wants("TICK_5"), true);
});

Deno.test("EventBus: unsubscribe (also from inside a listener) and independent instances", () => {
  const bus = new EventBus();
  const other = new EventBus();
  let count = 0;
  const off = bus.subscribe("PROCESS_STATE", () => {
    count++;
    off();
  });
  bus.publish(running);
  bus.publish(running);
  other.publish(running);
  assert.equal(count, 1);
  assert.equal(bus.wants("PROCESS_STATE_RUNNING"), false);
  const fn = () => count++;
  bus.subscribe("TICK_5", fn);
  bus.unsubscribe("TICK_5", fn);
  bus.unsubscribe("TICK_5", fn);
  bus.publish({ type: "TICK_5", when: 5 });
  assert.equal(count, 1);
});

Deno.test("EventBus: a throwing listener is reported and the others still run", () => {
  const errors: string[] = [];
  const bus = new EventBus({ onError: (e, ev) => errors.push(`${ev.type}: ${String(e)}`) });
  let reached = false;
  bus.subscribe("PROCESS_GROUP_ADDED", () => {
    throw new Error("boom");
  });
  bus.subscribe("PROCESS_GROUP", () => (reached = true));
  bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: "g" });
  assert.equal(reached, true);
  assert.deepEqual(errors, ["PROCESS_GROUP_ADDED: Error: boom"]);
});
