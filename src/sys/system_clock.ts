/** The Clock port on Deno: wall time, monotonic time, and timers. */

import type { Clock, TimerHandle } from "../core/ports.ts";

/** The machine's clock. */
export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    monotonic: () => performance.now(),
    setTimer: (ms: number, fn: () => void): TimerHandle =>
      setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
    clearTimer: (handle: TimerHandle) => clearTimeout(handle),
  };
}
