/** supervisor's process states and the state sets its RPC and shutdown rules are written in. */

import type { ProcessStateName } from "../protocol/types.ts";

/** A process state name (STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN). */
export type ProcessState = ProcessStateName;

/** State codes, as supervisor's `states.py` (the same numbers as protocol's PROCESS_STATES). */
export const STATE_CODES: Readonly<Record<ProcessState, number>> = {
  STOPPED: 0,
  STARTING: 10,
  RUNNING: 20,
  BACKOFF: 30,
  STOPPING: 40,
  EXITED: 100,
  FATAL: 200,
  UNKNOWN: 1000,
};

/** States that count as stopped: a group can be removed, shutdown can move on. */
export const STOPPED_STATES: ReadonlySet<ProcessState> = new Set([
  "STOPPED",
  "EXITED",
  "FATAL",
  "UNKNOWN",
]);

/** States that count as running: `start` answers ALREADY_STARTED, `stop` acts (BACKOFF included). */
export const RUNNING_STATES: ReadonlySet<ProcessState> = new Set([
  "RUNNING",
  "BACKOFF",
  "STARTING",
]);

/** States in which a process has a pid that `signal` may reach. */
export const SIGNALLABLE_STATES: ReadonlySet<ProcessState> = new Set([
  "RUNNING",
  "STARTING",
  "STOPPING",
]);
