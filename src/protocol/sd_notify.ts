/**
 * systemd's notify protocol (sd_notify(3)) as text: the datagram of `KEY=value` lines svisor sends
 * on `$NOTIFY_SOCKET`, the one-line STATUS= summary of process counts, and the watchdog period.
 */

import { PROCESS_STATES, type ProcessStateName } from "./states.ts";

/** The fields of one notification, in the order they are written. */
export type NotifyFields = ReadonlyArray<readonly [string, string | number]>;

/**
 * One datagram: `KEY=value` lines joined by newlines. Throws on a key that is not upper-case
 * letters, digits and `_`, or a value with a newline (it would forge another field).
 *
 * @example
 * ```ts
 * import { notifyMessage } from "./sd_notify.ts";
 * import assert from "node:assert/strict";
 * assert.equal(notifyMessage([["READY", 1], ["STATUS", "2 running"]]), "READY=1\nSTATUS=2 running");
 * ```
 */
export function notifyMessage(fields: NotifyFields): string {
  return fields.map(([key, value]) => {
    const text = String(value);
    if (!/^[A-Z0-9_]+$/.test(key)) throw new Error(`sd_notify: bad field name "${key}"`);
    if (/[\n\0]/.test(text)) throw new Error(`sd_notify: ${key} value has a newline`);
    return `${key}=${text}`;
  }).join("\n");
}

/**
 * The STATUS= line: how many processes are in each state, in supervisor's state order, lower-case,
 * zero counts left out; `no programs` when there are none.
 *
 * @example
 * ```ts
 * import { statusSummary } from "./sd_notify.ts";
 * import assert from "node:assert/strict";
 * assert.equal(statusSummary(["RUNNING", "FATAL", "RUNNING"]), "2 running, 1 fatal");
 * assert.equal(statusSummary([]), "no programs");
 * ```
 */
export function statusSummary(states: Iterable<ProcessStateName>): string {
  const counts = new Map<ProcessStateName, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = (Object.keys(PROCESS_STATES) as ProcessStateName[])
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s.toLowerCase()}`);
  return parts.length === 0 ? "no programs" : parts.join(", ");
}

/**
 * How often to send WATCHDOG=1, in ms: half of `$WATCHDOG_USEC`, when it is set for this process
 * (`$WATCHDOG_PID` absent or equal to `pid`); null otherwise.
 *
 * @example
 * ```ts
 * import { watchdogPeriod } from "./sd_notify.ts";
 * import assert from "node:assert/strict";
 * assert.equal(watchdogPeriod({ WATCHDOG_USEC: "10000000" }, 7), 5000);
 * assert.equal(watchdogPeriod({ WATCHDOG_USEC: "10000000", WATCHDOG_PID: "8" }, 7), null);
 * assert.equal(watchdogPeriod({}, 7), null);
 * ```
 */
export function watchdogPeriod(env: Readonly<Record<string, string>>, pid: number): number | null {
  const usec = Number(env.WATCHDOG_USEC ?? "");
  if (!Number.isInteger(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID !== undefined && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
}
