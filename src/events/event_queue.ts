/**
 * A bounded first-in first-out queue on a ring that grows on demand up to its capacity: O(1) at
 * both ends however long it gets (an Array's `shift()` copies the whole array once it is large).
 */

const FIRST_RING = 16;

/**
 * Items oldest first, never more than `capacity`: a `push` or `unshift` into a full queue drops
 * the oldest item first and returns it (supervisor's `buffer_size` rule), so the caller can log it.
 *
 * @example
 * ```ts
 * import { EventQueue } from "./event_queue.ts";
 * import assert from "node:assert/strict";
 * const q = new EventQueue<string>(2);
 * q.push("a");
 * q.push("b");
 * assert.equal(q.push("c"), "a");
 * assert.equal(q.unshift("z"), "b");
 * assert.deepEqual([q.shift(), q.shift(), q.shift()], ["z", "c", undefined]);
 * ```
 */
export class EventQueue<T> {
  /** The most items kept (at least 1). */
  readonly capacity: number;
  #ring: Array<T | undefined>;
  #head = 0;
  #size = 0;

  /** An empty queue of at most `capacity` items. */
  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.#ring = new Array(Math.min(FIRST_RING, this.capacity));
  }

  /** How many items wait. */
  get size(): number {
    return this.#size;
  }

  /** Adds an item at the tail; returns the oldest item when it had to be dropped for room. */
  push(item: T): T | undefined {
    const dropped = this.#size === this.capacity ? this.shift() : undefined;
    this.#grow();
    this.#ring[(this.#head + this.#size) % this.#ring.length] = item;
    this.#size++;
    return dropped;
  }

  /** Puts an item at the head; returns the oldest item when it had to be dropped for room. */
  unshift(item: T): T | undefined {
    const dropped = this.#size === this.capacity ? this.shift() : undefined;
    this.#grow();
    this.#head = (this.#head - 1 + this.#ring.length) % this.#ring.length;
    this.#ring[this.#head] = item;
    this.#size++;
    return dropped;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#ring[this.#head];
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#ring.length;
    this.#size--;
    return item;
  }

  /** The oldest item, left in place. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#ring[this.#head];
  }

  /** Empties the queue. */
  clear(): void {
    this.#ring = new Array(Math.min(FIRST_RING, this.capacity));
    this.#head = 0;
    this.#size = 0;
  }

  /** The items, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.#size; i++) {
      yield this.#ring[(this.#head + i) % this.#ring.length] as T;
    }
  }

  /** Makes room for one more item (the ring doubles, up to the capacity). */
  #grow(): void {
    const old = this.#ring;
    if (this.#size < old.length) return;
    const next = new Array<T | undefined>(Math.min(this.capacity, old.length * 2));
    for (let i = 0; i < this.#size; i++) next[i] = old[(this.#head + i) % old.length];
    this.#ring = next;
    this.#head = 0;
  }
}
