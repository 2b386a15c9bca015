/** svisor's restart policy rules (backoff cap and jitter, retry forever, start rate limit), pure; without a policy they are supervisord's. */

import type { ProcessConfig } from "../config/model.ts";

/**
 * The wait before retry number `tries`: supervisord's `tries` seconds, capped at backoff_max,
 * then moved by up to ±backoff_jitter of itself (`random` in [0, 1), 0.5 moves nothing).
 *
 * @example
 * ```ts
 * import { backoffDelayMs } from "./restart_policy.ts";
 * import type { ProcessConfig } from "../config/model.ts";
 * import assert from "node:assert/strict";
 * assert.equal(backoffDelayMs(3, {} as ProcessConfig, 0.9), 3000);
 * const capped = { restartPolicy: { backoffMaxMs: 2000, jitter: 0.5 } } as ProcessConfig;
 * assert.equal(backoffDelayMs(3, capped, 0.5), 2000);
 * assert.equal(backoffDelayMs(3, capped, 0), 1000);
 * ```
 */
export function backoffDelayMs(tries: number, config: ProcessConfig, random = 0.5): number {
  const p = config.restartPolicy;
  let ms = tries * 1000;
  if (p === undefined) return ms;
  if (p.backoffMaxMs !== null) ms = Math.min(ms, p.backoffMaxMs);
  if (p.jitter > 0) ms = Math.round(ms * (1 + p.jitter * (2 * random - 1)));
  return Math.max(0, ms);
}

/** Whether `tries` failed starts in a row mean FATAL (never with retry_forever). */
export function givesUp(tries: number, config: ProcessConfig): boolean {
  if (config.restartPolicy?.forever === true) return false;
  return tries > config.startretries;
}

/**
 * The start times to keep after a start at `now`, and whether that start is over the limit
 * (more than start_limit_burst within start_limit_interval); null without a limit.
 *
 * @example
 * ```ts
 * import { startLimit } from "./restart_policy.ts";
 * import type { ProcessConfig } from "../config/model.ts";
 * import assert from "node:assert/strict";
 * const c = { restartPolicy: { startLimitBurst: 2, startLimitIntervalMs: 1000 } } as ProcessConfig;
 * assert.deepEqual(startLimit([100, 900], 1200, c), { times: [900, 1200], hit: false });
 * assert.deepEqual(startLimit([900, 1100], 1200, c), { times: [900, 1100], hit: true });
 * ```
 */
export function startLimit(
  times: readonly number[] | undefined,
  now: number,
  config: ProcessConfig,
): { times: number[]; hit: boolean } | null {
  const p = config.restartPolicy;
  if (p === undefined || p.startLimitBurst <= 0) return null;
  const recent = (times ?? []).filter((t) => now - t < p.startLimitIntervalMs);
  if (recent.length >= p.startLimitBurst) return { times: recent, hit: true };
  return { times: [...recent, now], hit: false };
}
