/** The one-line texts of per-process results (`NS: started`, `NS: ERROR (not running)`, ...). */

import type { FaultCode } from "../../core/errors.ts";
import { faultNumber } from "../../protocol/faults.ts";
import { makeNamespec } from "../../protocol/namespec.ts";

/** One per-process outcome: a ProcessResult, or a single call's fault turned into one. */
export interface ResultLike {
  /** Process name (null for a `group:` spec, printed as Python's `None`). */
  name: string | null;
  /** Group name. */
  group: string;
  /** SUCCESS or a fault name. */
  status: FaultCode;
  /** 'OK' or the fault string. */
  description: string;
}

const START_ERRORS: Partial<Record<FaultCode, string>> = {
  BAD_NAME: "no such process",
  NO_FILE: "no such file",
  NOT_EXECUTABLE: "file is not executable",
  ALREADY_STARTED: "already started",
  SPAWN_ERROR: "spawn error",
  ABNORMAL_TERMINATION: "abnormal termination",
};

const SIGNAL_ERRORS: Partial<Record<FaultCode, string>> = {
  BAD_NAME: "no such process",
  BAD_SIGNAL: "bad signal name",
  NOT_RUNNING: "not running",
};

const CLEAR_ERRORS: Partial<Record<FaultCode, string>> = {
  BAD_NAME: "no such process",
  FAILED: "failed",
};

function namespecOf(r: ResultLike): string {
  return makeNamespec(r.group, r.name ?? "None");
}

function unknown(r: ResultLike): Error {
  return new Error(`Unknown result code ${faultNumber(r.status)} for ${namespecOf(r)}`);
}

/** supervisorctl's `_startresult`. */
export function startResultText(r: ResultLike): string {
  if (r.status === "SUCCESS") return `${namespecOf(r)}: started`;
  const why = START_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}

/** supervisorctl's `_signalresult` (and `_stopresult` with `success` = `stopped`). */
export function signalResultText(r: ResultLike, success = "signalled"): string {
  if (r.status === "SUCCESS") return `${namespecOf(r)}: ${success}`;
  if (r.status === "FAILED") return r.description;
  const why = SIGNAL_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}

/** supervisorctl's `_clearresult`. */
export function clearResultText(r: ResultLike): string {
  if (r.status === "SUCCESS") return `${namespecOf(r)}: cleared`;
  const why = CLEAR_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}
