/**
 * The health answer (`GET /api/v1/health`), for load balancers and Kubernetes probes: healthy when
 * the daemon is RUNNING and every vital process is RUNNING; otherwise the reason, in JSON.
 */

import type { DaemonStateName, ProcessStateName } from "./states.ts";

/** One process as the health check sees it. */
export interface HealthInput {
  /** Group name. */
  group: string;
  /** Process name. */
  name: string;
  /** Current state. */
  state: ProcessStateName;
  /** Marked `vital=` in the config. */
  vital: boolean;
}

/** The JSON body of the health route. */
export interface HealthReport {
  /** `ok` (HTTP 200) or `unavailable` (HTTP 503). */
  status: "ok" | "unavailable";
  /** The daemon's state. */
  daemon: DaemonStateName;
  /** Why it is unavailable; absent when ok. */
  reason?: string;
  /** The vital processes that are not RUNNING (empty when ok). */
  failing: Array<{ name: string; group: string; state: ProcessStateName }>;
}

/**
 * The report for a daemon state and its processes.
 *
 * @example
 * ```ts
 * import { healthReport } from "./health.ts";
 * import assert from "node:assert/strict";
 * const db = { group: "db", name: "db", state: "FATAL" as const, vital: true };
 * assert.equal(healthReport("RUNNING", []).status, "ok");
 * assert.equal(healthReport("RUNNING", [db]).reason, "vital process db is FATAL");
 * ```
 */
export function healthReport(
  daemon: DaemonStateName,
  processes: readonly HealthInput[],
): HealthReport {
  if (daemon !== "RUNNING") {
    return { status: "unavailable", daemon, reason: `the daemon is ${daemon}`, failing: [] };
  }
  const failing = processes.filter((p) => p.vital && p.state !== "RUNNING").map((p) => ({
    name: p.name,
    group: p.group,
    state: p.state,
  }));
  if (failing.length === 0) return { status: "ok", daemon, failing };
  const list = failing.map((p) =>
    `${p.group === p.name ? p.name : `${p.group}:${p.name}`} is ${p.state}`
  );
  const reason = `vital process${failing.length === 1 ? "" : "es"} ${list.join(", ")}`;
  return { status: "unavailable", daemon, reason, failing };
}
