/**
 * Lets process work yield to the control plane. Spawning a child is a synchronous fork/exec on the
 * daemon's one JavaScript thread (a few milliseconds each, more on a busy machine); in a crash
 * storm hundreds of reaps arrive together and each restarts its child at once, so a burst of
 * spawns held the thread for most of a second at a time and a control request, which needs
 * several turns of the event loop (accept, relay, parse, answer, relay back), waited behind one
 * burst per turn. The pacer runs such tasks in order for at most `budgetMs`, then hands the thread
 * back to the event loop (a zero timer) before the next batch, so I/O is served between batches.
 * The queue holds at most one task per process event (an exit, an autostart), so it is bounded by
 * the number of processes.
 */

import type { Clock } from "../core/ports.ts";

/** The default time a batch of tasks may hold the thread. */
export const DEFAULT_BUDGET_MS = 8;

/**
 * Runs queued tasks in order, a time budget at a time, yielding between batches.
 *
 * @example
 * ```ts
 * import { Pacer } from "./pacer.ts";
 * import assert from "node:assert/strict";
 * let t = 0;
 * const timers: Array<() => void> = [];
 * const clock = {
 *   now: () => t, monotonic: () => t,
 *   setTimer: (_ms: number, fn: () => void) => timers.push(fn), clearTimer: () => {},
 * };
 * const pacer = new Pacer(clock, 10);
 * const ran: number[] = [];
 * for (const n of [1, 2, 3]) pacer.run(() => { ran.push(n); t += 6; });
 * assert.deepEqual(ran, []); // nothing runs inside the caller's turn
 * timers.shift()!();
 * assert.deepEqual(ran, [1, 2]); // the budget (10) is spent after two tasks of 6
 * timers.shift()!();
 * assert.deepEqual(ran, [1, 2, 3]);
 * ```
 */
export class Pacer {
  readonly #clock: Clock;
  readonly #budgetMs: number;
  readonly #tasks: Array<() => void> = [];
  #scheduled = false;

  /** A pacer on `clock` whose batches last at most `budgetMs`. */
  constructor(clock: Clock, budgetMs: number = DEFAULT_BUDGET_MS) {
    this.#clock = clock;
    this.#budgetMs = budgetMs;
  }

  /** Tasks waiting for their batch. */
  get pending(): number {
    return this.#tasks.length;
  }

  /** Queues `task` for a later turn of the event loop. */
  run(task: () => void): void {
    this.#tasks.push(task);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#tasks.length === 0) return;
    this.#scheduled = true;
    this.#clock.setTimer(0, () => this.#batch());
  }

  #batch(): void {
    this.#scheduled = false;
    const end = this.#clock.monotonic() + this.#budgetMs;
    try {
      for (let task = this.#tasks.shift(); task !== undefined; task = this.#tasks.shift()) {
        task();
        if (this.#clock.monotonic() >= end) break;
      }
    } finally {
      this.#schedule(); // a task that threw (a bug) does not strand the ones after it
    }
  }
}
