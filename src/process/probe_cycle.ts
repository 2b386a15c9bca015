/**
 * The schedule of one readiness or health probe as a pure step: when the next probe runs, when a
 * result makes the process READY, counts a failure, gives up or calls for action. No clock, no I/O.
 */

import type { ProbeTiming } from "../config/model.ts";

/** Where a probe cycle is. */
export type ProbePhase =
  /** Not running (the process is not RUNNING). */
  | "off"
  /** Probing: readiness not passed yet, or health being watched. */
  | "probing"
  /** Readiness passed: the process is READY (readiness cycles stop here). */
  | "passed"
  /** Readiness gave up after failureThreshold failures in a row. */
  | "failed";

/** One cycle's data; immutable. */
export interface ProbeCycle {
  /** The phase. */
  readonly phase: ProbePhase;
  /** Failures in a row since the last pass (or the start). */
  readonly failures: number;
  /** Results seen since the cycle began. */
  readonly probes: number;
  /** The last result's text (`connection refused`, `HTTP 503`), or null before any. */
  readonly last: string | null;
  /** Whether the last result passed. */
  readonly lastOk: boolean;
  /** Monotonic ms the phase was entered. */
  readonly since: number;
}

/** What can happen to a cycle. */
export type ProbeInput =
  | { type: "begin" }
  | { type: "result"; ok: boolean; detail: string }
  | { type: "end" };

/** What the runner does after a step. */
export interface ProbeStepResult {
  /** The next cycle. */
  next: ProbeCycle;
  /** Run a probe after this many ms, or null for none. */
  probeInMs: number | null;
  /**
   * What the result means: `ready` (first pass), `gaveUp` (readiness threshold reached),
   * `failure` (a failure below the threshold), `act` (health threshold reached: restart or mark),
   * `recovered` (a pass after failures), or null.
   */
  verdict: "ready" | "gaveUp" | "failure" | "act" | "recovered" | null;
}

/** A cycle that has not begun. */
export function newProbeCycle(): ProbeCycle {
  return { phase: "off", failures: 0, probes: 0, last: null, lastOk: false, since: 0 };
}

/**
 * Feeds one input: readiness cycles stop at the first pass; health cycles go on for ever and say
 * `act` each time failures in a row reach the threshold (then count again from zero).
 *
 * @example
 * ```ts
 * import { newProbeCycle, probeStep } from "./probe_cycle.ts";
 * import assert from "node:assert/strict";
 * const timing = { intervalMs: 1000, timeoutMs: 500, initialDelayMs: 200, failureThreshold: 2 };
 * const ctx = { timing, mode: "readiness" as const, now: 0 };
 * const begun = probeStep(newProbeCycle(), { type: "begin" }, ctx);
 * assert.equal(begun.probeInMs, 200);
 * const failed = probeStep(begun.next, { type: "result", ok: false, detail: "refused" }, ctx);
 * assert.deepEqual([failed.verdict, failed.probeInMs], ["failure", 1000]);
 * const ready = probeStep(failed.next, { type: "result", ok: true, detail: "open" }, ctx);
 * assert.deepEqual([ready.next.phase, ready.verdict, ready.probeInMs], ["passed", "ready", null]);
 * ```
 */
export function probeStep(
  cycle: ProbeCycle,
  input: ProbeInput,
  ctx: { timing: ProbeTiming; mode: "readiness" | "health"; now: number },
): ProbeStepResult {
  const { timing, mode, now } = ctx;
  if (input.type === "end") {
    return { next: { ...newProbeCycle(), since: now }, probeInMs: null, verdict: null };
  }
  if (input.type === "begin") {
    const next: ProbeCycle = { ...newProbeCycle(), phase: "probing", since: now };
    return { next, probeInMs: timing.initialDelayMs, verdict: null };
  }
  if (cycle.phase !== "probing") return { next: cycle, probeInMs: null, verdict: null };
  const seen = { probes: cycle.probes + 1, last: input.detail, lastOk: input.ok };
  if (input.ok) {
    if (mode === "readiness") {
      return {
        next: { ...cycle, ...seen, phase: "passed", failures: 0, since: now },
        probeInMs: null,
        verdict: "ready",
      };
    }
    const verdict = cycle.failures > 0 ? "recovered" : null;
    return { next: { ...cycle, ...seen, failures: 0 }, probeInMs: timing.intervalMs, verdict };
  }
  const failures = cycle.failures + 1;
  const reached = timing.failureThreshold > 0 && failures >= timing.failureThreshold;
  if (!reached) {
    return {
      next: { ...cycle, ...seen, failures },
      probeInMs: timing.intervalMs,
      verdict: "failure",
    };
  }
  if (mode === "readiness") {
    return {
      next: { ...cycle, ...seen, failures, phase: "failed", since: now },
      probeInMs: null,
      verdict: "gaveUp",
    };
  }
  return { next: { ...cycle, ...seen, failures: 0 }, probeInMs: timing.intervalMs, verdict: "act" };
}
