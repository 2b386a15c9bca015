/** Whether a process meets a `depends_on` condition (pure). */

import type { DependencyCondition } from "../config/model.ts";
import type { ProcessStateName } from "../protocol/states.ts";

/** What a condition looks at. */
export interface DependencyView {
  /** The state. */
  state: ProcessStateName;
  /** The last exit status, or null. */
  exitstatus: number | null;
  /** The program's expected exit codes. */
  exitcodes: readonly number[];
  /** READY (RUNNING and readiness passed, or RUNNING without a readiness check). */
  ready: boolean;
  /** READY and the health check passes (or there is none). */
  healthy: boolean;
}

/**
 * started: STARTING or RUNNING; running: RUNNING; ready; healthy; completed: EXITED with an
 * expected code.
 *
 * @example
 * ```ts
 * import { conditionMet } from "./dependency_condition.ts";
 * import assert from "node:assert/strict";
 * const v = { state: "EXITED" as const, exitstatus: 0, exitcodes: [0], ready: false, healthy: false };
 * assert.equal(conditionMet("completed", v), true);
 * assert.equal(conditionMet("running", v), false);
 * ```
 */
export function conditionMet(condition: DependencyCondition, v: DependencyView): boolean {
  switch (condition) {
    case "started":
      return v.state === "STARTING" || v.state === "RUNNING";
    case "running":
      return v.state === "RUNNING";
    case "ready":
      return v.ready;
    case "healthy":
      return v.healthy;
    case "completed":
      return v.state === "EXITED" && v.exitstatus !== null && v.exitcodes.includes(v.exitstatus);
  }
}
