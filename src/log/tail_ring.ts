/** A fixed-size ring of the most recent bytes of a stream (a child's last output, for messages and tails). */

/**
 * Keeps the last `capacity` bytes pushed into it.
 *
 * @example
 * ```ts
 * import { TailRing } from "./tail_ring.ts";
 * import assert from "node:assert/strict";
 * const ring = new TailRing(4);
 * ring.push(new TextEncoder().encode("abc"));
 * ring.push(new TextEncoder().encode("def"));
 * assert.equal(new TextDecoder().decode(ring.bytes()), "cdef");
 * assert.equal(ring.total, 6);
 * ```
 */
export class TailRing {
  readonly #capacity: number;
  #buf: Uint8Array | null = null; // allocated on the first push: most streams stay quiet
  #end = 0;
  #filled = 0;
  #total = 0;

  /** A ring holding at most `capacity` bytes (0 keeps nothing). */
  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  /** The most bytes the ring keeps. */
  get capacity(): number {
    return this.#capacity;
  }

  /** How many bytes were ever pushed. */
  get total(): number {
    return this.#total;
  }

  /** How many bytes the ring holds now. */
  get length(): number {
    return this.#filled;
  }

  /** Appends a chunk, forgetting the oldest bytes beyond the capacity. */
  push(chunk: Uint8Array): void {
    this.#total += chunk.length;
    const cap = this.#capacity;
    if (cap === 0 || chunk.length === 0) return;
    const buf = this.#buf ??= new Uint8Array(cap);
    const src = chunk.length > cap ? chunk.subarray(chunk.length - cap) : chunk;
    const first = Math.min(src.length, cap - this.#end);
    buf.set(src.subarray(0, first), this.#end);
    buf.set(src.subarray(first), 0);
    this.#end = (this.#end + src.length) % cap;
    this.#filled = Math.min(cap, this.#filled + src.length);
  }

  /** A copy of the kept bytes, oldest first. */
  bytes(): Uint8Array {
    const buf = this.#buf;
    const out = new Uint8Array(this.#filled);
    if (buf === null) return out;
    const cap = buf.length;
    const start = (this.#end - this.#filled + cap) % (cap || 1);
    const first = Math.min(this.#filled, cap - start);
    out.set(buf.subarray(start, start + first), 0);
    out.set(buf.subarray(0, this.#filled - first), first);
    return out;
  }

  /** Forgets the kept bytes (the total stays). */
  clear(): void {
    this.#end = 0;
    this.#filled = 0;
  }
}
