/**
 * supervisor's process state machine as a pure step: `step(record, input, ctx)` returns the next
 * record and the effects to run. The transitions sit in TRANSITIONS (state x input); the actions
 * they name are in transition_actions.ts.
 */

import type {
  ProcessEffect,
  ProcessInput,
  ProcessInputType,
  ProcessRecord,
} from "./process_record.ts";
import type { ProcessStateName as ProcessState } from "../protocol/states.ts";
import { Draft, type StepContext } from "./step_draft.ts";
import {
  autostart,
  escalateToKill,
  exitedRunning,
  exitedStarting,
  exitedStopping,
  exitedUnknown,
  giveUp,
  killFailed,
  retryAfterBackoff,
  sendSignal,
  spawn,
  spawned,
  spawnFailed,
  startsecsElapsed,
  stop,
  stopFromBackoff,
} from "./transition_actions.ts";

/** The outcome of a step. */
export interface StepResult {
  /** The next record (the same object when the input does not apply in this state). */
  next: ProcessRecord;
  /** Effects to run, in order. */
  effects: ProcessEffect[];
}

type Row = Partial<
  { [T in ProcessInputType]: (d: Draft, i: Extract<ProcessInput, { type: T }>) => void }
>;

/**
 * The transition table, read like s6's `actions[state][event]`; a missing cell means the input
 * does not apply in that state (the record is returned unchanged, with no effects).
 */
export const TRANSITIONS: Readonly<Record<ProcessState, Row>> = {
  STOPPED: { start: spawn, autostart: autostart },
  STARTING: {
    spawned: spawned,
    spawnFailed: spawnFailed,
    timer: startsecsElapsed,
    exited: exitedStarting,
    stop: stop,
    signal: sendSignal,
    killFailed: killFailed,
  },
  RUNNING: { exited: exitedRunning, stop: stop, signal: sendSignal, killFailed: killFailed },
  BACKOFF: { timer: retryAfterBackoff, stop: stopFromBackoff, giveUp: giveUp },
  STOPPING: {
    exited: exitedStopping,
    timer: escalateToKill,
    signal: sendSignal,
    killFailed: killFailed,
  },
  EXITED: { start: spawn },
  FATAL: { start: spawn },
  UNKNOWN: { exited: exitedUnknown },
};

/**
 * Feeds one input to a process: returns the next record and the effects (spawn, kill, timers,
 * events, log lines) for a runner to carry out. Pure: no clock, no I/O.
 *
 * @example
 * ```ts
 * import { step } from "./process_step.ts";
 * import { newRecord } from "./process_record.ts";
 * import type { ProcessConfig } from "../config/model.ts";
 * import assert from "node:assert/strict";
 * const config = { name: "web", startsecs: 1 } as ProcessConfig;
 * const { next, effects } = step(newRecord(), { type: "start" }, { config, now: 0 });
 * assert.equal(next.state, "STARTING");
 * assert.deepEqual(effects.map((e) => e.type), ["emit", "spawn"]);
 * ```
 */
export function step(record: ProcessRecord, input: ProcessInput, ctx: StepContext): StepResult {
  const action = TRANSITIONS[record.state][input.type] as
    | ((d: Draft, i: ProcessInput) => void)
    | undefined;
  if (action === undefined) return { next: record, effects: [] };
  const draft = new Draft(record, ctx);
  action(draft, input);
  if (draft.effects.length === 0 && sameRecord(record, draft.next)) {
    return { next: record, effects: [] };
  }
  return { next: draft.next, effects: draft.effects };
}

function sameRecord(a: ProcessRecord, b: ProcessRecord): boolean {
  return (Object.keys(a) as Array<keyof ProcessRecord>).every((k) => a[k] === b[k]);
}
