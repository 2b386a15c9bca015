/** supervisord's TICK_5/TICK_60/TICK_3600 as pure code: an event each time a period's wall-clock slice rolls over. */

import type { TickEvent } from "./supervisor_event.ts";

/** The tick types and their periods in seconds, in the order supervisord notifies them. */
export const TICK_PERIODS: ReadonlyArray<readonly [TickEvent["type"], number]> = [
  ["TICK_5", 5],
  ["TICK_60", 60],
  ["TICK_3600", 3600],
];

/** supervisor's `timeslice(period, when)`: `when` (epoch seconds) floored to a multiple of `period`. */
export function timeslice(period: number, when: number): number {
  return Math.floor(when - (when % period));
}

/**
 * The last slice of each period; `advance(now)` returns the ticks due. The first call only sets
 * the baseline (supervisord's first loop pass does the same).
 *
 * @example
 * ```ts
 * import { TickSchedule } from "./tick_schedule.ts";
 * import assert from "node:assert/strict";
 * const ticks = new TickSchedule();
 * assert.deepEqual(ticks.advance(3599_000), []);
 * assert.deepEqual(ticks.advance(3600_500).map((t) => `${t.type} ${t.when}`), [
 *   "TICK_5 3600", "TICK_60 3600", "TICK_3600 3600",
 * ]);
 * ```
 */
export class TickSchedule {
  readonly #last = new Map<number, number>();

  /** The ticks due at `nowMs` (epoch milliseconds). */
  advance(nowMs: number): TickEvent[] {
    const now = nowMs / 1000;
    const due: TickEvent[] = [];
    for (const [type, period] of TICK_PERIODS) {
      const slice = timeslice(period, now);
      const last = this.#last.get(period);
      this.#last.set(period, slice);
      if (last !== undefined && last !== slice) due.push({ type, when: slice });
    }
    return due;
  }

  /** Milliseconds from `nowMs` to the next 5-second boundary (when the next tick can be due). */
  static delayToNext(nowMs: number): number {
    return 5000 - (nowMs % 5000);
  }
}
