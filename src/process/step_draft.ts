/** The draft a step edits (record so far, effects so far) and the context it reads; the transition actions write to it. */

import type { ProcessConfig } from "../config/model.ts";
import type { LogLevel } from "../core/ports.ts";
import type { ProcessStateName as ProcessState } from "../protocol/states.ts";
import type { ProcessEffect, ProcessRecord } from "./process_record.ts";

/** What a step may look at besides the record and the input. */
export interface StepContext {
  /** The process's configuration. */
  config: ProcessConfig;
  /** Monotonic ms (timers and startsecs). */
  now: number;
  /** Wall-clock ms for `laststart`/`laststop` (default: `now`). */
  wall?: number;
  /** The daemon is shutting down or restarting: no autostart, autorestart or retry (default false). */
  shuttingDown?: boolean;
  /** A number in [0, 1) for backoff_jitter (default 0.5: no jitter). */
  random?: number;
}

/** A mutable draft that actions edit: the record so far and the effects so far. */
export class Draft {
  /** The record being built. */
  next: { -readonly [K in keyof ProcessRecord]: ProcessRecord[K] };
  /** Effects in order. */
  readonly effects: ProcessEffect[] = [];
  /** The step context, with defaults applied. */
  readonly ctx: Required<StepContext>;

  /** Starts a draft from a record. */
  constructor(record: ProcessRecord, ctx: StepContext) {
    this.next = { ...record };
    this.ctx = { wall: ctx.now, shuttingDown: false, random: 0.5, ...ctx };
  }

  /** The process name, for messages. */
  get name(): string {
    return this.ctx.config.name;
  }

  /** Moves to a state and emits the change (supervisor's `change_state`). */
  change(to: ProcessState, expected = true): void {
    const from = this.next.state;
    if (to === "BACKOFF") this.next.backoff += 1;
    this.next.state = to;
    this.effects.push({
      type: "emit",
      change: { from, to, expected, tries: this.next.backoff, pid: this.next.pid },
    });
  }

  /** Writes a main-log line. */
  log(level: LogLevel, message: string): void {
    this.effects.push({ type: "log", level, message });
  }

  /** Starts the one timer of the process (replacing any), due in `ms`. */
  setTimer(kind: ProcessRecord["timer"] & string, ms: number): void {
    const delay = Math.max(0, Math.ceil(ms));
    this.next.timer = kind;
    this.next.due = this.ctx.now + delay;
    this.effects.push({ type: "setTimer", kind, ms: delay });
  }

  /** Cancels the running timer, if any. */
  cancelTimer(): void {
    if (this.next.timer === null) return;
    this.next.timer = null;
    this.next.due = 0;
    this.effects.push({ type: "cancelTimer" });
  }

  /** Adds any other effect. */
  push(effect: ProcessEffect): void {
    this.effects.push(effect);
  }
}
