/** The `description` of getProcessInfo and `status` (rpcinterface `_interpretProcessInfo`). */

import type { ProcessStateName as ProcessState } from "../protocol/states.ts";

/** What the description is computed from (seconds, as in the getProcessInfo struct). */
export interface DescriptionFacts {
  /** Process name (for `unknown error (try "tail NAME")`). */
  name: string;
  /** The state. */
  state: ProcessState;
  /** pid (0 when none). */
  pid: number;
  /** Last start, epoch seconds (0 if never). */
  start: number;
  /** Last stop, epoch seconds. */
  stop: number;
  /** Now, epoch seconds. */
  now: number;
  /** The last spawn error, or ''. */
  spawnerr: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * supervisor's description: `pid N, uptime H:MM:SS` when RUNNING; the spawn error (or `unknown
 * error (try "tail NAME")`) when BACKOFF or FATAL; the local stop time (`Nov 24 01:33 PM`) or
 * `Not started` when STOPPED or EXITED; '' otherwise.
 *
 * @example
 * ```ts
 * import { describeProcess } from "./process_description.ts";
 * import assert from "node:assert/strict";
 * const base = { name: "web", pid: 42, start: 1000, stop: 0, now: 1000 + 93784, spawnerr: "" };
 * assert.equal(describeProcess({ ...base, state: "RUNNING" }), "pid 42, uptime 1 day, 2:03:04");
 * assert.equal(describeProcess({ ...base, state: "FATAL" }), 'unknown error (try "tail web")');
 * assert.equal(describeProcess({ ...base, state: "STOPPED", start: 0 }), "Not started");
 * ```
 */
export function describeProcess(facts: DescriptionFacts): string {
  switch (facts.state) {
    case "RUNNING":
      return `pid ${facts.pid}, uptime ${formatTimedelta(Math.max(0, facts.now - facts.start))}`;
    case "BACKOFF":
    case "FATAL":
      return facts.spawnerr !== "" ? facts.spawnerr : `unknown error (try "tail ${facts.name}")`;
    case "STOPPED":
    case "EXITED":
      return facts.start !== 0 ? formatStopTime(facts.stop) : "Not started";
    default:
      return "";
  }
}

/**
 * Whole seconds as Python's `str(timedelta)`: `0:00:05`, `12:34:56`, `1 day, 2:03:04`, `3 days, 0:00:00`.
 *
 * @example
 * ```ts
 * import { formatTimedelta } from "./process_description.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatTimedelta(5), "0:00:05");
 * assert.equal(formatTimedelta(2 * 86400 + 3600), "2 days, 1:00:00");
 * ```
 */
export function formatTimedelta(seconds: number): string {
  const total = Math.floor(seconds);
  const days = Math.floor(total / 86400);
  const rest = total - days * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  const clock = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  if (days === 0) return clock;
  return `${days} day${days === 1 ? "" : "s"}, ${clock}`;
}

/** Epoch seconds as local `%b %d %I:%M %p` (`Nov 24 01:33 PM`). */
export function formatStopTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const hour = d.getHours();
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getMonth()]} ${two(d.getDate())} ${two(h12)}:${two(d.getMinutes())} ${
    hour < 12 ? "AM" : "PM"
  }`;
}
