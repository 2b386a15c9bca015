/**
 * The dashboard's presentation rules, written once and used by both the server render and the
 * browser script (which receives these functions' source, so each is self-contained: no imports,
 * no module constants).
 */

/**
 * The rank of a state when the table is sorted by state: trouble first (FATAL, BACKOFF, EXITED,
 * UNKNOWN), then changing (STARTING, STOPPING), then STOPPED, then RUNNING.
 *
 * @example
 * ```ts
 * import { stateRank } from "./dashboard_rules.ts";
 * import assert from "node:assert/strict";
 * assert.ok(stateRank("FATAL") < stateRank("RUNNING"));
 * assert.ok(stateRank("STOPPED") < stateRank("RUNNING"));
 * ```
 */
export function stateRank(state: string): number {
  const order = [
    "FATAL",
    "BACKOFF",
    "EXITED",
    "UNKNOWN",
    "STARTING",
    "STOPPING",
    "STOPPED",
    "RUNNING",
  ];
  const i = order.indexOf(state);
  return i < 0 ? order.length : i;
}

/**
 * Whether a group gets its own header row (with group actions): it has several processes, or its
 * one process is named otherwise than the group.
 *
 * @example
 * ```ts
 * import { showsGroupHeader } from "./dashboard_rules.ts";
 * import assert from "node:assert/strict";
 * assert.equal(showsGroupHeader("web", ["web"]), false);
 * assert.equal(showsGroupHeader("pool", ["worker_00"]), true);
 * assert.equal(showsGroupHeader("web", ["web", "web2"]), true);
 * ```
 */
export function showsGroupHeader(group: string, names: readonly string[]): boolean {
  return names.length > 1 || (names.length === 1 && names[0] !== group);
}

/**
 * The readiness word a row keeps when a state event arrives, before the process is read again:
 * `ready`, `unready`, `failed` and `unhealthy` belong to RUNNING, `waiting` to a process that is
 * not started; a word that no longer fits is cleared ('').
 *
 * @example
 * ```ts
 * import { readinessAfterState } from "./dashboard_rules.ts";
 * import assert from "node:assert/strict";
 * assert.equal(readinessAfterState("ready", "STOPPING"), "");
 * assert.equal(readinessAfterState("ready", "RUNNING"), "ready");
 * assert.equal(readinessAfterState("waiting", "STARTING"), "");
 * assert.equal(readinessAfterState("waiting", "STOPPED"), "waiting");
 * ```
 */
export function readinessAfterState(word: string, state: string): string {
  if (word === "waiting") {
    return ["STOPPED", "EXITED", "FATAL", "UNKNOWN"].includes(state) ? word : "";
  }
  return state === "RUNNING" ? word : "";
}
