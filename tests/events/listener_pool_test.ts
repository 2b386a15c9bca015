/** The pool buffer: serials global and per pool, oldest first, rebuffer at the head, overflow. */

import { deepEqual as assertEquals } from "node:assert/strict";
import { EventSerials } from "../../src/events/event_serials.ts";
import { ListenerPool } from "../../src/events/listener_pool.ts";
import type { SupervisorEvent } from "../../src/events/supervisor_event.ts";

const added = (g: string): SupervisorEvent => ({ type: "PROCESS_GROUP_ADDED", groupName: g });

Deno.test("two pools share the global serial and count their own", () => {
  const serials = new EventSerials();
  const a = new ListenerPool("a", { bufferSize: 10, serials, server: "supervisor" });
  const b = new ListenerPool("b", { bufferSize: 10, serials, server: "supervisor" });
  const e1 = added("x"), e2 = added("y");
  a.accept(e1);
  a.accept(e2);
  b.accept(e2);
  assertEquals(b.peek()?.serial, 1);
  assertEquals(b.peek()?.poolSerial, 0);
  assertEquals(
    a.envelopeOf(a.take()!),
    "ver:3.0 server:supervisor serial:0 pool:a poolserial:0 eventname:PROCESS_GROUP_ADDED len:12\ngroupname:x\n",
  );
  assertEquals(
    a.envelopeOf(b.take()!).startsWith("ver:3.0 server:supervisor serial:1 pool:a poolserial:0"),
    true,
  );
});

Deno.test("a rebuffered event goes to the head with its serials and supervisord's debug line", () => {
  const pool = new ListenerPool("lis", {
    bufferSize: 10,
    serials: new EventSerials(),
    server: "s",
  });
  pool.accept(added("x"));
  pool.accept(added("y"));
  const first = pool.take()!;
  assertEquals(pool.rebuffer(first), [
    { level: "DEBG", message: "rebuffering event 0 for pool lis (buf size=1, max=10)" },
  ]);
  assertEquals(pool.take(), first);
  assertEquals(pool.take()?.serial, 1);
});

Deno.test("a full buffer drops the oldest event with supervisord's error line", () => {
  const pool = new ListenerPool("lis", { bufferSize: 2, serials: new EventSerials(), server: "s" });
  pool.accept(added("a"));
  pool.accept(added("b"));
  assertEquals(pool.accept(added("c")), [
    { level: "ERRO", message: "pool lis event buffer overflowed, discarding event 0" },
  ]);
  assertEquals([pool.take()?.serial, pool.take()?.serial, pool.size], [1, 2, 0]);
  assertEquals([pool.overflows, pool.capacity], [1, 2]);
});
