/** The bounded ring queue: order across wrap-around and growth, and the drop-oldest rule at both ends. */

import { deepEqual as assertEquals } from "node:assert/strict";
import { EventQueue } from "../../src/events/event_queue.ts";

Deno.test("items come out oldest first across growth and wrap-around", () => {
  const q = new EventQueue<number>(1000);
  const out: number[] = [];
  let next = 0;
  // Interleaved pushes and shifts move the head around the ring while it doubles.
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 7; i++) q.push(next++);
    for (let i = 0; i < 3; i++) out.push(q.shift()!);
  }
  out.push(...q);
  assertEquals(q.size, 200);
  while (q.size > 0) q.shift();
  assertEquals(out.length, 350);
  assertEquals(out.slice(0, 150), Array.from({ length: 150 }, (_, i) => i));
  assertEquals(out.slice(150), Array.from({ length: 200 }, (_, i) => 150 + i));
});

Deno.test("a full queue drops its oldest item on push and on unshift, and says which", () => {
  const q = new EventQueue<string>(3);
  assertEquals([q.push("a"), q.push("b"), q.push("c")], [undefined, undefined, undefined]);
  assertEquals(q.push("d"), "a");
  assertEquals(q.unshift("z"), "b");
  assertEquals([...q], ["z", "c", "d"]);
  assertEquals(q.size, 3);
  assertEquals(q.peek(), "z");
});

Deno.test("a capacity under 1 keeps one item (supervisord keeps the newest with buffer_size 0)", () => {
  const q = new EventQueue<number>(0);
  q.push(1);
  assertEquals(q.push(2), 1);
  assertEquals([...q], [2]);
  q.clear();
  assertEquals([q.size, q.shift()], [0, undefined]);
});
