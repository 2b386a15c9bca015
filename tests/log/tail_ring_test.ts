/** Tests the tail ring buffer: it keeps the last bytes in order whatever the chunk sizes. */

import assert from "node:assert/strict";
import { TailRing } from "../../src/log/tail_ring.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("TailRing: keeps the last capacity bytes across wraps", () => {
  const ring = new TailRing(10);
  let all = "";
  for (let i = 0; i < 50; i++) {
    const piece = `<${i}>`;
    all += piece;
    ring.push(enc(piece));
    assert.equal(dec(ring.bytes()), all.slice(-10));
  }
  assert.equal(ring.total, all.length);
  assert.equal(ring.length, 10);
});

Deno.test("TailRing: a chunk larger than the ring keeps its own tail", () => {
  const ring = new TailRing(4);
  ring.push(enc("ab"));
  ring.push(enc("0123456789"));
  assert.equal(dec(ring.bytes()), "6789");
});

Deno.test("TailRing: before it fills, and after clear", () => {
  const ring = new TailRing(8);
  assert.equal(dec(ring.bytes()), "");
  ring.push(enc("hi"));
  assert.equal(dec(ring.bytes()), "hi");
  ring.clear();
  assert.equal(dec(ring.bytes()), "");
  ring.push(enc("again"));
  assert.equal(dec(ring.bytes()), "again");
  assert.equal(ring.total, 7);
});

Deno.test("TailRing: capacity 0 keeps nothing", () => {
  const ring = new TailRing(0);
  ring.push(enc("abc"));
  assert.equal(ring.bytes().length, 0);
  assert.equal(ring.total, 3);
});
