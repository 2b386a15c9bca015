/** `GET /api/v1/events`: resume with Last-Event-ID (and a gap frame for what fell out), filters, history-only, auth, and a subscriber that falls behind. */

import assert from "node:assert/strict";
import { createApp } from "../../src/api/create_app.ts";
import { EventBus } from "../../src/events/event_bus.ts";
import { EventStreamHub } from "../../src/events/event_stream_hub.ts";
import type { SupervisorEvent } from "../../src/events/supervisor_event.ts";
import { FrameReader, type StreamFrame } from "../../src/protocol/event_stream.ts";
import { FakeService } from "../ctl/fake_service.ts";

function world(history = 3) {
  const hub = new EventStreamHub({ history, now: () => 1_700_000_000_000 });
  const bus = new EventBus();
  hub.attach(bus);
  const app = createApp({ service: new FakeService([]), events: hub });
  return { hub, bus, app };
}

const running = (name: string): SupervisorEvent => ({
  type: "PROCESS_STATE_RUNNING",
  processName: name,
  groupName: name,
  fromState: "STARTING",
  expected: true,
  tries: 0,
  pid: 42,
});

async function frames(res: Response): Promise<StreamFrame[]> {
  const reader = new FrameReader();
  return reader.push(await res.text());
}

Deno.test("events route: Last-Event-ID resumes after it, with a gap frame for what fell out", async () => {
  const w = world(3);
  for (const g of ["a", "b", "c", "d", "e"]) {
    w.bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: g });
  }
  const res = await w.app.request("/api/v1/events?follow=0", {
    headers: { "Last-Event-ID": "1" },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("Content-Type"), "text/event-stream; charset=utf-8");
  const got = await frames(res);
  assert.deepEqual(got[0], { kind: "gap", from: 2, to: 2 });
  assert.deepEqual(
    got.slice(1).map((f) => f.kind === "event" ? `${f.event.id} ${f.event.payload}` : f.kind),
    ["3 groupname:c\n", "4 groupname:d\n", "5 groupname:e\n"],
  );
  const none = await frames(
    await w.app.request("/api/v1/events?follow=0", { headers: { "Last-Event-ID": "5" } }),
  );
  assert.deepEqual(none, []);
});

Deno.test("events route: svisor's readiness and health events are on the stream, though outside supervisor's tree", async () => {
  const w = world(5);
  w.bus.publish(running("db"));
  w.bus.publish({
    type: "PROCESS_READINESS",
    processName: "web",
    groupName: "web",
    pid: 0,
    status: "waiting",
    detail: "waits for db:ready",
    failures: 0,
  });
  w.bus.publish({
    type: "PROCESS_HEALTH",
    processName: "db",
    groupName: "db",
    pid: 42,
    status: "failure",
    detail: "tcp 127.0.0.1:5432: connection refused",
    failures: 1,
  });
  const only = await frames(
    await w.app.request("/api/v1/events?follow=0&types=PROCESS_READINESS,PROCESS_HEALTH"),
  );
  assert.deepEqual(
    only.map((f) =>
      f.kind === "event" ? `${f.event.type} ${f.event.name} ${f.event.fields["status"]}` : f.kind
    ),
    ["PROCESS_READINESS web:web waiting", "PROCESS_HEALTH db:db failure"],
  );
  const states = await frames(await w.app.request("/api/v1/events?follow=0&types=PROCESS_STATE"));
  assert.deepEqual(states.map((f) => f.kind === "event" ? f.event.type : f.kind), [
    "PROCESS_STATE_RUNNING",
  ]);
});

Deno.test("events route: the live stream carries new events with their ids, then ends when the client leaves", async () => {
  const w = world(10);
  const abort = new AbortController();
  const res = await w.app.request("/api/v1/events?types=PROCESS_STATE&names=web:*", {
    signal: abort.signal,
  });
  const reader = res.body!.getReader();
  w.bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: "web" });
  w.bus.publish(running("db"));
  w.bus.publish(running("web"));
  const { value } = await reader.read();
  const text = new TextDecoder().decode(value);
  assert.match(text, /^event: event\nid: 3\ndata: /);
  const [frame] = new FrameReader().push(text);
  assert.equal(frame?.kind, "event");
  if (frame?.kind === "event") {
    assert.equal(frame.event.name, "web:web");
    assert.deepEqual(frame.event.fields, {
      processname: "web",
      groupname: "web",
      from_state: "STARTING",
      pid: "42",
    });
  }
  await reader.cancel();
  assert.equal(w.hub.subscribers, 0);
});

Deno.test("events route: bad types and ids get a 400 naming them; auth applies", async () => {
  const w = world();
  const bad = await w.app.request("/api/v1/events?types=NOPE");
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /types: unknown event type \\"NOPE\\"/);
  const badId = await w.app.request("/api/v1/events", { headers: { "Last-Event-ID": "x" } });
  assert.equal(badId.status, 400);
  await badId.text();
  const hub = new EventStreamHub({ history: 1, now: () => 0 });
  const locked = createApp({
    service: new FakeService([]),
    events: hub,
    auth: { username: "u", password: "p" },
  });
  const res = await locked.request("/api/v1/events");
  assert.equal(res.status, 401);
  await res.text();
});

Deno.test("events hub: a subscriber that falls behind its queue is told so and dropped", async () => {
  const hub = new EventStreamHub({ history: 0, now: () => 0 });
  const bus = new EventBus();
  hub.attach(bus);
  const sub = hub.subscribe({ after: null, filter: { types: [], names: [] }, queueLimit: 2 });
  for (const g of ["a", "b", "c"]) bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: g });
  assert.deepEqual(await sub.next(), { kind: "dropped", reason: "fell more than 2 events behind" });
  assert.equal(await sub.next(), null);
  assert.equal(hub.subscribers, 0);
});

Deno.test("events hub: an id older than the history gets a gap, never a silent hole", async () => {
  const hub = new EventStreamHub({ history: 0, now: () => 0 });
  const bus = new EventBus();
  hub.attach(bus);
  bus.publish({ type: "SUPERVISOR_STATE_CHANGE_RUNNING" });
  const sub = hub.subscribe({ after: 0, filter: { types: [], names: [] }, live: false });
  assert.deepEqual(await sub.next(), { kind: "gap", from: 1, to: 1 });
  assert.equal(await sub.next(), null);
});

Deno.test("events route: heartbeats keep a quiet stream alive", async () => {
  const w = world();
  const res = await w.app.request("/api/v1/events?heartbeat=0.01");
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  assert.deepEqual(new FrameReader().push(new TextDecoder().decode(value)), [{
    kind: "heartbeat",
  }]);
  await reader.cancel();
});
