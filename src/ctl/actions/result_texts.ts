/** The one-line texts of per-process results (`NS: started`, `NS: ERROR (not running)`, ...). */

import { FAULTS } from "../../core/errors.ts";
import { makeNamespec } from "../namespec.ts";

/** One per-process outcome: a ProcessResult, or a single call's fault turned into one. */
export interface ResultLike {
  /** Process name (null for a `group:` spec, printed as Python's `None`). */
  name: string | null;
  /** Group name. */
  group: string;
  /** 80 (SUCCESS) or a fault number. */
  status: number;
  /** 'OK' or the fault string. */
  description: string;
}

const START_ERRORS: Record<number, string> = {
  [FAULTS.BAD_NAME]: "no such process",
  [FAULTS.NO_FILE]: "no such file",
  [FAULTS.NOT_EXECUTABLE]: "file is not executable",
  [FAULTS.ALREADY_STARTED]: "already started",
  [FAULTS.SPAWN_ERROR]: "spawn error",
  [FAULTS.ABNORMAL_TERMINATION]: "abnormal termination",
};

const SIGNAL_ERRORS: Record<number, string> = {
  [FAULTS.BAD_NAME]: "no such process",
  [FAULTS.BAD_SIGNAL]: "bad signal name",
  [FAULTS.NOT_RUNNING]: "not running",
};

const CLEAR_ERRORS: Record<number, string> = {
  [FAULTS.BAD_NAME]: "no such process",
  [FAULTS.FAILED]: "failed",
};

function namespecOf(r: ResultLike): string {
  return makeNamespec(r.group, r.name ?? "None");
}

function unknown(r: ResultLike): Error {
  return new Error(`Unknown result code ${r.status} for ${namespecOf(r)}`);
}

/** supervisorctl's `_startresult`. */
export function startResultText(r: ResultLike): string {
  if (r.status === FAULTS.SUCCESS) return `${namespecOf(r)}: started`;
  const why = START_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}

/** supervisorctl's `_signalresult` (and `_stopresult` with `success` = `stopped`). */
export function signalResultText(r: ResultLike, success = "signalled"): string {
  if (r.status === FAULTS.SUCCESS) return `${namespecOf(r)}: ${success}`;
  if (r.status === FAULTS.FAILED) return r.description;
  const why = SIGNAL_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}

/** supervisorctl's `_clearresult`. */
export function clearResultText(r: ResultLike): string {
  if (r.status === FAULTS.SUCCESS) return `${namespecOf(r)}: cleared`;
  const why = CLEAR_ERRORS[r.status];
  if (why === undefined) throw unknown(r);
  return `${namespecOf(r)}: ERROR (${why})`;
}
