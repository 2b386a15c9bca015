/** max_memory's rule with hysteresis (pure): restart after samples in a row above the limit; only a drop below 90% forgets them. */

/** Samples in a row above max_memory that call for a restart. */
export const MEMORY_SAMPLES = 3;

/** The fraction of max_memory below which the count starts again. */
export const MEMORY_LOW_WATER = 0.9;

/**
 * One RSS sample: the new count of samples above the limit, and whether to restart (the count
 * then starts again). Between 90% and 100% of the limit the count is kept, so a process hovering
 * at the limit neither restarts on one spike nor forgets a steady climb.
 *
 * @example
 * ```ts
 * import { memoryStep } from "./memory_rule.ts";
 * import assert from "node:assert/strict";
 * let over = 0;
 * for (const rss of [120, 95, 130]) over = memoryStep(over, rss, 100).over;
 * assert.equal(over, 2);
 * assert.deepEqual(memoryStep(over, 101, 100), { over: 0, restart: true });
 * assert.deepEqual(memoryStep(2, 80, 100), { over: 0, restart: false });
 * ```
 */
export function memoryStep(over: number, rss: number, limit: number): {
  over: number;
  restart: boolean;
} {
  if (rss > limit) {
    const n = over + 1;
    return n >= MEMORY_SAMPLES ? { over: 0, restart: true } : { over: n, restart: false };
  }
  if (rss < limit * MEMORY_LOW_WATER) return { over: 0, restart: false };
  return { over, restart: false };
}
