/**
 * supervisor's XML-RPC faults on the wire: the number of each fault name, the faultString text
 * (`NAME` or `NAME: extra`), the fault a client receives, and how Python shows one. Both ends import
 * this file; nothing else knows a fault number.
 */

import { type FaultCode, type SupervisorFault, SvisorError } from "../core/errors.ts";
import { pyRepr } from "./py_repr.ts";

/** Every supervisor fault name with its number (supervisor's `xmlrpc.Faults`). */
export const FAULT_NUMBERS: Readonly<Record<SupervisorFault, number>> = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
};

const BY_NUMBER: ReadonlyMap<number, SupervisorFault> = new Map(
  Object.entries(FAULT_NUMBERS).map(([name, n]) => [n, name as SupervisorFault]),
);

/**
 * The wire number of a code; svisor's own codes (CONFIG, USAGE, IO) travel as FAILED (30).
 *
 * @example
 * ```ts
 * import { faultNumber } from "./faults.ts";
 * import assert from "node:assert/strict";
 * assert.equal(faultNumber("BAD_NAME"), 10);
 * assert.equal(faultNumber("CONFIG"), 30);
 * ```
 */
export function faultNumber(code: FaultCode): number {
  return Object.hasOwn(FAULT_NUMBERS, code)
    ? FAULT_NUMBERS[code as SupervisorFault]
    : FAULT_NUMBERS.FAILED;
}

/** The fault name of a wire number; numbers supervisor does not define are FAILED. */
export function faultCodeOf(n: number): SupervisorFault {
  return BY_NUMBER.get(n) ?? "FAILED";
}

/**
 * supervisor's faultString: `NAME`, or `NAME: extra` when there is extra text.
 *
 * @example
 * ```ts
 * import { faultString } from "./faults.ts";
 * import assert from "node:assert/strict";
 * assert.equal(faultString("BAD_NAME", "foo"), "BAD_NAME: foo");
 * assert.equal(faultString("SHUTDOWN_STATE", ""), "SHUTDOWN_STATE");
 * ```
 */
export function faultString(code: FaultCode, extra: string): string {
  return extra === "" ? code : `${code}: ${extra}`;
}

/**
 * A fault as a client received it: a SvisorError whose message is the extra text (as the engine's
 * own errors), with the wire number and string kept as sent.
 */
export class RemoteFault extends SvisorError {
  /** The fault number on the wire. */
  readonly faultCode: number;
  /** The faultString as sent. */
  readonly faultString: string;
  /** Builds the error from a fault number and string (unknown numbers get the code FAILED). */
  constructor(faultCode: number, faultString: string) {
    const code = faultCodeOf(faultCode);
    super(code, extraOf(code, faultString));
    this.name = "RemoteFault";
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

function extraOf(code: string, text: string): string {
  if (text === code) return "";
  return text.startsWith(`${code}: `) ? text.slice(code.length + 2) : text;
}

/** The wire number of an error: as received for a RemoteFault, else from its code. */
export function faultNumberOf(e: SvisorError): number {
  return e instanceof RemoteFault ? e.faultCode : faultNumber(e.code);
}

/** The faultString of an error: as received for a RemoteFault, else `CODE: message`. */
export function faultStringOf(e: SvisorError): string {
  return e instanceof RemoteFault ? e.faultString : faultString(e.code, e.message);
}

/**
 * A fault as Python's xmlrpc.client shows it (supervisorctl prints it for unexpected faults).
 *
 * @example
 * ```ts
 * import { faultRepr } from "./faults.ts";
 * import { SvisorError } from "../core/errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(faultRepr(new SvisorError("SHUTDOWN_STATE", "")), "<Fault 6: 'SHUTDOWN_STATE'>");
 * ```
 */
export function faultRepr(e: SvisorError): string {
  return `<Fault ${faultNumberOf(e)}: ${pyRepr(faultStringOf(e))}>`;
}
