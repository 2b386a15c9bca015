/** Translates errors at the HTTP edge: SvisorError codes to XML-RPC fault numbers and texts and to HTTP statuses. */

import { type FaultCode, FAULTS, SvisorError } from "../core/errors.ts";

/** A fault ready for the wire: supervisor's name, number and `NAME: extra` text. */
export interface WireFault {
  /** The fault name (`BAD_NAME`), or svisor's own code (`CONFIG`, `IO`, `USAGE`). */
  name: FaultCode;
  /** supervisor's fault number; svisor's own codes travel as FAILED (30). */
  number: number;
  /** `NAME` or `NAME: extra`, as supervisor's faultString. */
  text: string;
}

/**
 * The wire form of an error, or null when it is not a SvisorError (a bug: the caller answers 500).
 *
 * @example
 * ```ts
 * import { wireFault } from "./fault_map.ts";
 * import { SvisorError } from "../core/errors.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(wireFault(new SvisorError("BAD_NAME", "foo")), {
 *   name: "BAD_NAME", number: 10, text: "BAD_NAME: foo",
 * });
 * assert.equal(wireFault(new SvisorError("SHUTDOWN_STATE", ""))?.text, "SHUTDOWN_STATE");
 * assert.equal(wireFault(new Error("boom")), null);
 * ```
 */
export function wireFault(e: unknown): WireFault | null {
  if (!(e instanceof SvisorError)) return null;
  const number = faultNumber(e.code);
  return { name: e.code, number, text: faultText(e.code, e.message) };
}

/** supervisor's faultString: `NAME`, or `NAME: extra` when there is extra text. */
export function faultText(name: string, extra: string): string {
  return extra === "" ? name : `${name}: ${extra}`;
}

/** The fault number of a code; codes supervisor lacks are FAILED (30). */
export function faultNumber(code: FaultCode): number {
  return Object.hasOwn(FAULTS, code) ? FAULTS[code as keyof typeof FAULTS] : FAULTS.FAILED;
}

const STATUS: Partial<Record<FaultCode, number>> = {
  UNKNOWN_METHOD: 404,
  INCORRECT_PARAMETERS: 400,
  BAD_ARGUMENTS: 400,
  SIGNATURE_UNSUPPORTED: 400,
  BAD_SIGNAL: 400,
  USAGE: 400,
  BAD_NAME: 404,
  NO_FILE: 404,
  ALREADY_STARTED: 409,
  NOT_RUNNING: 409,
  ALREADY_ADDED: 409,
  STILL_RUNNING: 409,
  CANT_REREAD: 422,
  CONFIG: 422,
  SHUTDOWN_STATE: 503,
};

/**
 * The HTTP status of the JSON API for a fault code: 400 bad input, 404 unknown name or file, 409
 * state conflicts, 422 unreadable config, 503 shutting down, 500 for failures of the process itself.
 */
export function httpStatusOf(code: FaultCode): number {
  return STATUS[code] ?? 500;
}
