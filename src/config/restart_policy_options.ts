/** svisor's restart policy options of a program (`backoff_*`, `retry_forever`, `min_uptime`, `start_limit_*`, `max_memory*`, `restart_schedule`). */

import { Cron } from "croner";
import type { ProcessConfig, RestartPolicy } from "./model.ts";
import { parseMillis } from "./readiness_options.ts";
import type { Names, SectionReader } from "./section_reader.ts";
import { BadValue, parseBoolean, parseByteSize, parseInteger, q } from "./value_types.ts";

/** Every option this file reads. */
export const RESTART_POLICY_OPTIONS: readonly string[] = [
  "backoff_max",
  "backoff_jitter",
  "retry_forever",
  "min_uptime",
  "start_limit_burst",
  "start_limit_interval",
  "max_memory",
  "max_memory_interval",
  "restart_schedule",
];

/** Reads the policy; `{}` when none of its options is set (nothing changes for the process). */
export function readRestartPolicy(
  r: SectionReader,
  names: Names,
): Pick<ProcessConfig, "restartPolicy"> {
  if (!RESTART_POLICY_OPTIONS.some((o) => r.has(o))) return {};
  const policy: RestartPolicy = {
    backoffMaxMs: r.optional("backoff_max", names, parseMillis),
    jitter: r.typed("backoff_jitter", 0, names, parseFraction),
    forever: r.typed("retry_forever", false, names, parseBoolean),
    minUptimeMs: r.typed("min_uptime", 0, names, parseMillis),
    startLimitBurst: r.typed("start_limit_burst", 0, names, parseInteger),
    startLimitIntervalMs: r.typed("start_limit_interval", 10_000, names, parseMillis),
    maxMemory: r.optional("max_memory", names, parseByteSize),
    maxMemoryIntervalMs: r.typed("max_memory_interval", 5000, names, parseMillis),
    schedule: r.optional("restart_schedule", names, parseCron),
  };
  if (policy.startLimitBurst < 0) r.error("start_limit_burst", "must not be negative");
  if (policy.maxMemoryIntervalMs < 100) {
    r.error("max_memory_interval", "must be at least 0.1 seconds");
  }
  if (policy.maxMemory === null && r.has("max_memory_interval")) {
    r.warn("max_memory_interval", "has no effect without max_memory=");
  }
  if (policy.startLimitBurst === 0 && r.has("start_limit_interval")) {
    r.warn("start_limit_interval", "has no effect without start_limit_burst=");
  }
  return { restartPolicy: policy };
}

/**
 * Checks a five- or six-field cron expression (croner's grammar) and returns it trimmed.
 *
 * @example
 * ```ts
 * import { parseCron } from "./restart_policy_options.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseCron(" 0 4 * * * "), "0 4 * * *");
 * assert.throws(() => parseCron("61 * * * *"), /not a cron expression/);
 * ```
 */
export function parseCron(text: string): string {
  const t = text.trim();
  try {
    new Cron(t, { paused: true }).stop();
  } catch (e) {
    throw new BadValue(`${q(t)} is not a cron expression: ${(e as Error).message}`);
  }
  return t;
}

function parseFraction(text: string): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !(n >= 0 && n <= 1)) {
    throw new BadValue(`${q(text)} is not a fraction within 0..1`);
  }
  return n;
}
