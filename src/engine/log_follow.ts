/** A LogFollow: an async iterable of text pushed by a bus subscription, closed by the reader or the engine. */

import type { LogFollow } from "../protocol/control_service.ts";

/**
 * The most text (UTF-16 code units) a reader may leave unread before it is dropped: a follower
 * that stops reading while the program writes fast must not make the daemon hold its output.
 */
export const FOLLOW_QUEUE_LIMIT = 256 * 1024;

/**
 * A queue of text chunks read with `for await`; `close()` ends the iteration and runs the cleanup.
 * A reader that falls more than `limit` behind is dropped: its queue is emptied and the iteration
 * ends (`overflowed` says so).
 *
 * @example
 * ```ts
 * import { FollowQueue } from "./log_follow.ts";
 * import assert from "node:assert/strict";
 * const q = new FollowQueue(4);
 * q.push("abc");
 * q.push("de");
 * assert.equal(q.overflowed, true);
 * assert.deepEqual(await q[Symbol.asyncIterator]().next(), { value: undefined, done: true });
 * ```
 */
export class FollowQueue implements LogFollow {
  readonly #items: string[] = [];
  readonly #limit: number;
  #queued = 0;
  #overflowed = false;
  #waiting: ((r: IteratorResult<string>) => void) | null = null;
  #closed = false;
  #cleanup: (() => void) | null = null;

  /** A queue that drops its reader past `limit` unread code units (default FOLLOW_QUEUE_LIMIT). */
  constructor(limit: number = FOLLOW_QUEUE_LIMIT) {
    this.#limit = limit;
  }

  /** Whether the reader was dropped for falling too far behind. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Sets what `close()` undoes (the bus subscription). */
  onClose(cleanup: () => void): void {
    if (this.#closed) cleanup();
    else this.#cleanup = cleanup;
  }

  /** Adds text for the reader (empty text is skipped; nothing happens after close). */
  push(text: string): void {
    if (this.#closed || text === "") return;
    const waiting = this.#waiting;
    if (waiting !== null) {
      this.#waiting = null;
      waiting({ value: text, done: false });
      return;
    }
    this.#queued += text.length;
    if (this.#queued > this.#limit) {
      this.#overflowed = true;
      this.#items.length = 0;
      this.#queued = 0;
      this.close();
      return;
    }
    this.#items.push(text);
  }

  /** Stops following: pending and later reads end. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cleanup?.();
    this.#cleanup = null;
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  /** Iterates the chunks until close. */
  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        const item = this.#items.shift();
        if (item !== undefined) {
          this.#queued -= item.length;
          return Promise.resolve({ value: item, done: false });
        }
        if (this.#closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.#waiting = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
