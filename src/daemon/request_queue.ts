/** What the daemon's main loop is asked to do next, from signals and the API, without duplicates. */

/** A request to the main loop. */
export type DaemonRequest = "shutdown" | "restart";

/**
 * A queue of one pending request: a shutdown wins over a restart, repeats are dropped (supervisord
 * queues signals without duplicates), and `next()` waits for the first one.
 *
 * @example
 * ```ts
 * import { RequestQueue } from "./request_queue.ts";
 * import assert from "node:assert/strict";
 * const q = new RequestQueue();
 * q.push("restart");
 * q.push("shutdown");
 * assert.equal(await q.next(), "shutdown");
 * ```
 */
export class RequestQueue {
  #pending: DaemonRequest | null = null;
  #wake: ((request: DaemonRequest) => void) | null = null;

  /** Asks for a shutdown or a restart. */
  push(request: DaemonRequest): void {
    if (this.#wake !== null) {
      const wake = this.#wake;
      this.#wake = null;
      wake(request);
      return;
    }
    if (this.#pending !== "shutdown") this.#pending = request;
  }

  /** The next request (at once when one is pending). */
  next(): Promise<DaemonRequest> {
    if (this.#pending !== null) {
      const request = this.#pending;
      this.#pending = null;
      return Promise.resolve(request);
    }
    return new Promise((resolve) => (this.#wake = resolve));
  }
}
