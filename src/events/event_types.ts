/** supervisor's event type names, their hierarchy (subscribing to an abstract type gets its subtypes), and svisor's internal events. */

/** Each event type's parent; null for roots. EVENT is supervisor's root; internal events have no parent. */
export const EVENT_PARENTS = {
  EVENT: null,
  PROCESS_STATE: "EVENT",
  PROCESS_STATE_STOPPED: "PROCESS_STATE",
  PROCESS_STATE_EXITED: "PROCESS_STATE",
  PROCESS_STATE_STARTING: "PROCESS_STATE",
  PROCESS_STATE_STOPPING: "PROCESS_STATE",
  PROCESS_STATE_BACKOFF: "PROCESS_STATE",
  PROCESS_STATE_FATAL: "PROCESS_STATE",
  PROCESS_STATE_RUNNING: "PROCESS_STATE",
  PROCESS_STATE_UNKNOWN: "PROCESS_STATE",
  PROCESS_COMMUNICATION: "EVENT",
  PROCESS_COMMUNICATION_STDOUT: "PROCESS_COMMUNICATION",
  PROCESS_COMMUNICATION_STDERR: "PROCESS_COMMUNICATION",
  PROCESS_LOG: "EVENT",
  PROCESS_LOG_STDOUT: "PROCESS_LOG",
  PROCESS_LOG_STDERR: "PROCESS_LOG",
  REMOTE_COMMUNICATION: "EVENT",
  SUPERVISOR_STATE_CHANGE: "EVENT",
  SUPERVISOR_STATE_CHANGE_RUNNING: "SUPERVISOR_STATE_CHANGE",
  SUPERVISOR_STATE_CHANGE_STOPPING: "SUPERVISOR_STATE_CHANGE",
  TICK: "EVENT",
  TICK_5: "TICK",
  TICK_60: "TICK",
  TICK_3600: "TICK",
  PROCESS_GROUP: "EVENT",
  PROCESS_GROUP_ADDED: "PROCESS_GROUP",
  PROCESS_GROUP_REMOVED: "PROCESS_GROUP",
  // svisor's own, never sent to event listeners: every chunk a child writes, every main-log line.
  PROCESS_OUTPUT: null,
  MAIN_LOG_LINE: null,
  // svisor's readiness and health checks (docs/readiness.md), outside supervisor's tree.
  PROCESS_READINESS: null,
  PROCESS_HEALTH: null,
} as const;

/** Any event type name, abstract or concrete, supervisor's or internal. */
export type EventTypeName = keyof typeof EVENT_PARENTS;

/** supervisor's abstract types (never published, only subscribed to). */
export const ABSTRACT_EVENT_TYPES: ReadonlySet<EventTypeName> = new Set([
  "EVENT",
  "PROCESS_STATE",
  "PROCESS_COMMUNICATION",
  "PROCESS_LOG",
  "SUPERVISOR_STATE_CHANGE",
  "TICK",
  "PROCESS_GROUP",
]);

/** The internal types, outside supervisor's tree. */
export const INTERNAL_EVENT_TYPES: ReadonlySet<EventTypeName> = new Set([
  "PROCESS_OUTPUT",
  "MAIN_LOG_LINE",
  "PROCESS_READINESS",
  "PROCESS_HEALTH",
]);

/**
 * Whether an event of type `type` is delivered to a subscription to `to` (the same type or an
 * ancestor, like supervisor's `isinstance` dispatch).
 *
 * @example
 * ```ts
 * import { isSubtype } from "./event_types.ts";
 * import assert from "node:assert/strict";
 * assert.equal(isSubtype("PROCESS_STATE_RUNNING", "PROCESS_STATE"), true);
 * assert.equal(isSubtype("PROCESS_STATE_RUNNING", "EVENT"), true);
 * assert.equal(isSubtype("PROCESS_OUTPUT", "EVENT"), false);
 * ```
 */
export function isSubtype(type: EventTypeName, to: EventTypeName): boolean {
  for (let t: EventTypeName | null = type; t !== null; t = EVENT_PARENTS[t]) {
    if (t === to) return true;
  }
  return false;
}

/** Whether a name is a known event type (for `events=` in `[eventlistener:x]`). */
export function isEventTypeName(name: string): name is EventTypeName {
  return Object.hasOwn(EVENT_PARENTS, name);
}
