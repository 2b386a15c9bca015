/** A manual Clock for tests: time moves only when the test calls `advance`, which fires due timers in order. */

import type { Clock, TimerHandle } from "../../src/core/ports.ts";

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** A Clock whose time the test controls; timers fire during `advance`, earliest first. */
export class FakeClock implements Clock {
  #mono: number;
  #wallOffset: number;
  #seq = 0;
  readonly #timers = new Map<TimerHandle, Pending>();

  /** Starts at `wall` epoch ms (monotonic starts at 0). */
  constructor(wall = Date.UTC(2026, 10, 24, 13, 0, 0)) {
    this.#mono = 0;
    this.#wallOffset = wall;
  }

  /** Wall-clock ms. */
  now(): number {
    return this.#wallOffset + this.#mono;
  }

  /** Monotonic ms since the clock was made. */
  monotonic(): number {
    return this.#mono;
  }

  /** Schedules `fn` after `ms`. */
  setTimer(ms: number, fn: () => void): TimerHandle {
    const handle = ++this.#seq;
    this.#timers.set(handle, { at: this.#mono + Math.max(0, ms), seq: handle, fn });
    return handle;
  }

  /** Cancels a timer. */
  clearTimer(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /** How many timers are pending. */
  get pending(): number {
    return this.#timers.size;
  }

  /** The delays (from now) of the pending timers, soonest first. */
  delays(): number[] {
    return [...this.#timers.values()].map((t) => t.at - this.#mono).sort((a, b) => a - b);
  }

  /**
   * Moves time forward by `ms`, firing each due timer at its own time (earliest first) and
   * letting promise callbacks run after each one.
   */
  async advance(ms: number): Promise<void> {
    const end = this.#mono + ms;
    for (;;) {
      await settle();
      const next = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      const [handle, timer] = next;
      this.#timers.delete(handle);
      this.#mono = Math.max(this.#mono, timer.at);
      timer.fn();
    }
    this.#mono = end;
    await settle();
  }
}

/** Lets pending promise callbacks (microtasks and a macrotask turn) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setTimeout(r, 0));
}
