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
 *
 * Each yield costs 2 ms or more even on an idle machine (a zero timer is a 1 ms tokio timer and an
 * epoll_wait of 1-2 ms), and on a loaded one the thread waits to be scheduled again after it: with
 * an 8 ms budget and spawns of 2-10 ms, a launch of 1,000 programs spent a fifth to a half of its
 * time in yields. So a batch of bulk tasks (the autostarts of a launch) may hold the thread for
 * `bulkBudgetMs` while no control request has come for `REQUEST_QUIET_MS`; a request puts the
 * batches back to `budgetMs` so its remaining turns are served as before.
 */

import type { Clock } from "../core/ports.ts";

/** The default time a batch of tasks may hold the thread. */
export const DEFAULT_BUDGET_MS = 8;
/** The default time a batch of bulk tasks may hold the thread when no control request is recent. */
export const DEFAULT_BULK_BUDGET_MS = 40;
/** How long after a control request the batches keep to the short budget. */
export const REQUEST_QUIET_MS = 50;

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
 * const pacer = new Pacer(clock, 10, 20);
 * const ran: number[] = [];
 * for (const n of [1, 2, 3]) pacer.run(() => { ran.push(n); t += 6; });
 * assert.equal(ran.length, 0); // nothing runs inside the caller's turn
 * timers.shift()!();
 * assert.deepEqual(ran, [1, 2]); // the budget (10) is spent after two tasks of 6
 * timers.shift()!();
 * assert.deepEqual(ran, [1, 2, 3]);
 * for (const n of [4, 5, 6, 7]) pacer.run(() => { ran.push(n); t += 6; }, { bulk: true });
 * timers.shift()!();
 * assert.deepEqual(ran.slice(3), [4, 5, 6, 7]); // bulk tasks, no request: the bulk budget (20)
 * pacer.noteRequest();
 * for (const n of [8, 9, 10]) pacer.run(() => { ran.push(n); t += 6; }, { bulk: true });
 * timers.shift()!();
 * assert.deepEqual(ran.slice(7), [8, 9]); // a request just came: the short budget again
 * ```
 */
export class Pacer {
  readonly #clock: Clock;
  readonly #budgetMs: number;
  readonly #bulkBudgetMs: number;
  readonly #tasks: Array<{ task: () => void; bulk: boolean }> = [];
  #scheduled = false;
  #lastRequest = -Infinity;

  /** A pacer on `clock` whose batches last at most `budgetMs` (`bulkBudgetMs` for bulk tasks, see above). */
  constructor(
    clock: Clock,
    budgetMs: number = DEFAULT_BUDGET_MS,
    bulkBudgetMs: number = DEFAULT_BULK_BUDGET_MS,
  ) {
    this.#clock = clock;
    this.#budgetMs = budgetMs;
    this.#bulkBudgetMs = Math.max(budgetMs, bulkBudgetMs);
  }

  /** Tasks waiting for their batch. */
  get pending(): number {
    return this.#tasks.length;
  }

  /** Queues `task` for a later turn of the event loop; `bulk` marks it as part of a launch. */
  run(task: () => void, options: { bulk?: boolean } = {}): void {
    this.#tasks.push({ task, bulk: options.bulk ?? false });
    this.#schedule();
  }

  /** Notes a control request: batches keep to the short budget for the next `REQUEST_QUIET_MS`. */
  noteRequest(): void {
    this.#lastRequest = this.#clock.monotonic();
  }

  #schedule(): void {
    if (this.#scheduled || this.#tasks.length === 0) return;
    this.#scheduled = true;
    this.#clock.setTimer(0, () => this.#batch());
  }

  #batch(): void {
    this.#scheduled = false;
    const start = this.#clock.monotonic();
    const quiet = start - this.#lastRequest >= REQUEST_QUIET_MS;
    const end = start + this.#budgetMs;
    const bulkEnd = quiet ? start + this.#bulkBudgetMs : end;
    try {
      for (let next = this.#tasks.shift(); next !== undefined; next = this.#tasks.shift()) {
        next.task();
        const now = this.#clock.monotonic();
        if (now >= bulkEnd || (now >= end && !(this.#tasks[0]?.bulk ?? false))) break;
      }
    } finally {
      this.#schedule(); // a task that threw (a bug) does not strand the ones after it
    }
  }
}
