/**
 * Requests of control clients (ctl, XML-RPC, the JSON API, the dashboard) on many processes at
 * once, each noted on the process for `why` (`stopped by a ctl request at 10:02:03`).
 */

import type { Clock } from "../core/ports.ts";
import { RUNNING_STATES, SIGNALLABLE_STATES } from "../protocol/states.ts";
import type { ProcessResult } from "../protocol/types.ts";
import { namespecOf } from "./group_registry.ts";
import {
  beginStart,
  beginStop,
  type ControlContext,
  runBulk,
  sendSignal,
} from "./process_control.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** The cause `why` names for a start asked for over the control API. */
export const START_REQUEST = "a start request";

/** The cause `why` names for a stop asked for over the control API (ctl, RPC, JSON, dashboard). */
export const CTL_STOP_REQUEST = "a ctl request";

/** Notes on a process who last asked something of it, and when (wall-clock ms). */
export function noteRequest(slot: ProcessSlot, what: string, clock: Clock): void {
  slot.lastRequest = { what, at: clock.now() };
}

/** How a bulk request waits. */
export interface BulkWait {
  /** Wait for each process to reach its target state. */
  wait: boolean;
  /** Abandons the wait. */
  signal: AbortSignal;
}

/** Starts every process of `slots` not already running (supervisor's startAllProcesses). */
export function startMany(
  slots: ProcessSlot[],
  ctl: ControlContext,
  wait: BulkWait,
): Promise<ProcessResult[]> {
  return runBulk(
    slots,
    (s) => !RUNNING_STATES.has(s.record.state),
    (s, name) => {
      noteRequest(s, START_REQUEST, ctl.clock);
      return beginStart(s, name, ctl, wait);
    },
    namespecOf,
  );
}

/** Stops every running process of `slots` (supervisor's stopAllProcesses). */
export function stopMany(
  slots: ProcessSlot[],
  ctl: ControlContext,
  wait: BulkWait,
): Promise<ProcessResult[]> {
  return runBulk(
    slots,
    (s) => RUNNING_STATES.has(s.record.state),
    (s, name) => {
      noteRequest(s, CTL_STOP_REQUEST, ctl.clock);
      return beginStop(s, name, ctl, wait);
    },
    namespecOf,
  );
}

/** Signals every signallable process of `slots` (supervisor's signalAllProcesses). */
export function signalMany(slots: ProcessSlot[], signal: string): Promise<ProcessResult[]> {
  return runBulk(
    slots,
    (s) => SIGNALLABLE_STATES.has(s.record.state),
    (s, name) => {
      sendSignal(s, name, signal);
      return null;
    },
    namespecOf,
  );
}
