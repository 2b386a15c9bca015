/** The data the state machine keeps per process (supervisor's `Subprocess` fields), and its inputs and effects. */

import type { ExitStatus, LogLevel } from "../core/ports.ts";
import type { ProcessStateName as ProcessState } from "../protocol/states.ts";

/** Which timer a process has running: at most one at a time, named by what it waits for. */
export type TimerKind = "startsecs" | "backoff" | "stopwait";

/** One process's state-machine data; immutable, `step` returns a new one. */
export interface ProcessRecord {
  /** The current state. */
  readonly state: ProcessState;
  /** The child's pid, 0 when there is none. */
  readonly pid: number;
  /** Failed starts in a row (supervisor's `backoff`); reset on RUNNING, on EXITED and by give-up. */
  readonly backoff: number;
  /** Wall-clock ms of the last spawn attempt, 0 if never (getProcessInfo `start`). */
  readonly laststart: number;
  /** Wall-clock ms of the last exit, 0 if never (getProcessInfo `stop`). */
  readonly laststop: number;
  /** Monotonic ms of the last spawn attempt (for startsecs). */
  readonly startedAt: number;
  /** The running timer, or null. */
  readonly timer: TimerKind | null;
  /** Monotonic ms at which the running timer is due. */
  readonly due: number;
  /** The last spawn error (`Exited too quickly ...`, `Bad exit code 1`, `can't find command ...`). */
  readonly spawnerr: string | null;
  /** The last exit status (-1 after a signal), null when none. */
  readonly exitstatus: number | null;
  /** A stop was requested and the child has not been reaped yet. */
  readonly killing: boolean;
  /** Monotonic ms of recent starts, kept only with `start_limit_burst`. */
  readonly startTimes?: readonly number[];
}

/** A fresh record: STOPPED, never started. */
export function newRecord(): ProcessRecord {
  return {
    state: "STOPPED",
    pid: 0,
    backoff: 0,
    laststart: 0,
    laststop: 0,
    startedAt: 0,
    timer: null,
    due: 0,
    spawnerr: null,
    exitstatus: null,
    killing: false,
  };
}

/** What can happen to a process: requests (start, stop, signal) and outcomes reported by the runner. */
export type ProcessInput =
  | { type: "start" }
  | { type: "autostart" }
  | { type: "spawned"; pid: number }
  | { type: "spawnFailed"; message: string }
  | { type: "exited"; status: ExitStatus }
  | { type: "timer"; kind: TimerKind }
  | { type: "stop" }
  | { type: "giveUp" }
  | { type: "signal"; signal: string }
  | { type: "killFailed"; message: string };

/** The kind of a process input. */
export type ProcessInputType = ProcessInput["type"];

/** A state change, with what supervisor's PROCESS_STATE_* events carry. */
export interface StateChange {
  /** The state left. */
  from: ProcessState;
  /** The state entered. */
  to: ProcessState;
  /** For EXITED: whether the exit status was in `exitcodes`. */
  expected: boolean;
  /** The backoff count when the change happened (`tries:` of STARTING and BACKOFF). */
  tries: number;
  /** The pid when the change happened (0 when none). */
  pid: number;
}

/** What the runner must do after a step, in order. */
export type ProcessEffect =
  | { type: "spawn" }
  | { type: "kill"; signal: string; group: boolean }
  | { type: "setTimer"; kind: TimerKind; ms: number }
  | { type: "cancelTimer" }
  | { type: "emit"; change: StateChange }
  | { type: "log"; level: LogLevel; message: string };
