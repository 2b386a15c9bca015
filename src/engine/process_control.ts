/**
 * start, stop and signal of one process with supervisor's rpcinterface rules, in two phases: act
 * now (throwing faults at once), then an optional wait; and the bulk form that acts on every
 * eligible process in one pass before waiting (`make_allfunc`).
 */

import { parseSignal } from "../config/signal_names.ts";
import { SvisorError } from "../core/errors.ts";
import type { ActivityLog, Clock, FileProbe, TimerHandle } from "../core/ports.ts";
import { resolveCommand, searchPath } from "../process/command_resolve.ts";
import { RUNNING_STATES, SIGNALLABLE_STATES, STOPPED_STATES } from "../protocol/states.ts";
import { faultString } from "../protocol/faults.ts";
import type { ProcessResult } from "../protocol/types.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** What the control functions need from the engine. */
export interface ControlContext {
  /** For the pre-spawn command check. */
  probe: FileProbe;
  /** The daemon's environment (PATH). */
  env: Readonly<Record<string, string>>;
  /** For `waiting for X to stop` reports. */
  clock: Clock;
  /** The main log. */
  log: ActivityLog;
}

/** An action begun: null when it is complete, or a promise that settles when its wait is over. */
export type Begun = Promise<void> | null;

/** How often an RPC stop waiter logs `waiting for NAME to stop`. */
const STOP_REPORT_MS = 2000;

/**
 * startProcess, phase one: the command check (NO_FILE, NOT_EXECUTABLE), the state check
 * (ALREADY_STARTED, FAILED), the spawn (SPAWN_ERROR); then, with `wait`, a promise that resolves
 * at RUNNING and rejects with SPAWN_ERROR or ABNORMAL_TERMINATION.
 */
export function beginStart(
  slot: ProcessSlot,
  name: string,
  ctx: ControlContext,
  options: { wait: boolean; signal?: AbortSignal | undefined },
): Begun {
  resolveCommand(slot.config.command, {
    probe: ctx.probe,
    path: searchPath(slot.config.environment, ctx.env),
  });
  const state = slot.record.state;
  if (RUNNING_STATES.has(state)) throw new SvisorError("ALREADY_STARTED", name);
  if (state === "UNKNOWN") {
    throw new SvisorError("FAILED", `${name} is in an unknown process state`);
  }
  slot.dispatch({ type: "start" });
  if (slot.record.spawnerr !== null) throw new SvisorError("SPAWN_ERROR", name);
  if (!options.wait || slot.record.state === "RUNNING") return null;
  return slot.waitFor((r) => {
    if (r.spawnerr !== null) throw new SvisorError("SPAWN_ERROR", name);
    if (r.state !== "STARTING" && r.state !== "RUNNING") {
      throw new SvisorError("ABNORMAL_TERMINATION", name);
    }
    return r.state === "RUNNING";
  }, options.signal).then(() => {});
}

/**
 * stopProcess, phase one: NOT_RUNNING unless in RUNNING_STATES (BACKOFF goes straight to STOPPED);
 * then, with `wait`, a promise that resolves when the process is in a stopped state, logging
 * `waiting for NAME to stop` at once and every 2 s while it is STOPPING.
 */
export function beginStop(
  slot: ProcessSlot,
  name: string,
  ctx: ControlContext,
  options: { wait: boolean; signal?: AbortSignal | undefined },
): Begun {
  if (!RUNNING_STATES.has(slot.record.state)) throw new SvisorError("NOT_RUNNING", name);
  slot.dispatch({ type: "stop" });
  if (slot.record.state === "UNKNOWN") throw new SvisorError("FAILED", name);
  if (!options.wait || STOPPED_STATES.has(slot.record.state)) return null;
  let timer: TimerHandle | null = null;
  const report = () => {
    timer = null;
    if (slot.record.state !== "STOPPING") return;
    ctx.log.log("INFO", `waiting for ${slot.name} to stop`);
    timer = ctx.clock.setTimer(STOP_REPORT_MS, report);
  };
  report();
  return slot.waitFor((r) => STOPPED_STATES.has(r.state), options.signal).then(() => {}).finally(
    () => {
      if (timer !== null) ctx.clock.clearTimer(timer);
    },
  );
}

/** signalProcess: BAD_SIGNAL for an unknown signal, NOT_RUNNING unless signallable. */
export function sendSignal(slot: ProcessSlot, name: string, signal: string): void {
  let sig: string;
  try {
    sig = parseSignal(signal);
  } catch {
    throw new SvisorError("BAD_SIGNAL", signal);
  }
  if (!SIGNALLABLE_STATES.has(slot.record.state)) throw new SvisorError("NOT_RUNNING", name);
  slot.dispatch({ type: "signal", signal: sig });
}

/**
 * Acts on every slot that passes `eligible`, in order, in one pass; then waits for the begun
 * actions. Faults become result entries; results come in the order they are known. Any other
 * error (an aborted wait) is thrown once every wait has settled.
 */
export async function runBulk(
  slots: readonly ProcessSlot[],
  eligible: (slot: ProcessSlot) => boolean,
  act: (slot: ProcessSlot, name: string) => Begun,
  nameOf: (slot: ProcessSlot) => string,
): Promise<ProcessResult[]> {
  const results: ProcessResult[] = [];
  const pending: Promise<void>[] = [];
  const other: unknown[] = [];
  const record = (slot: ProcessSlot, e: unknown) => {
    if (!(e instanceof SvisorError)) return void other.push(e);
    const description = faultString(e.code, e.message);
    results.push({ name: slot.name, group: slot.group, status: e.code, description });
  };
  const ok = (slot: ProcessSlot) =>
    results.push({ name: slot.name, group: slot.group, status: "SUCCESS", description: "OK" });
  for (const slot of slots) {
    if (!eligible(slot)) continue;
    let begun: Begun;
    try {
      begun = act(slot, nameOf(slot));
    } catch (e) {
      record(slot, e);
      continue;
    }
    if (begun === null) ok(slot);
    else pending.push(begun.then(() => void ok(slot), (e) => void record(slot, e)));
  }
  await Promise.all(pending);
  if (other.length > 0) throw other[0];
  return results;
}
