/** A LogFollow: an async iterable of text pushed by a bus subscription, closed by the reader or the engine. */

import type { LogFollow } from "../protocol/control_service.ts";

/** A queue of text chunks read with `for await`; `close()` ends the iteration and runs the cleanup. */
export class FollowQueue implements LogFollow {
  readonly #items: string[] = [];
  #waiting: ((r: IteratorResult<string>) => void) | null = null;
  #closed = false;
  #cleanup: (() => void) | null = null;

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
    } else this.#items.push(text);
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
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
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
