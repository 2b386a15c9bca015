/** The JSON API's HTTP status for each fault code (the XML-RPC numbers are in protocol/faults.ts). */

import type { FaultCode } from "../core/errors.ts";

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
