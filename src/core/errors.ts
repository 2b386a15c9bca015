/** Typed errors with stable codes, translated to HTTP statuses, XML-RPC faults and exit codes at each edge. */

/**
 * supervisor's XML-RPC fault names (§5.2 of the reference); their wire numbers live in
 * protocol/faults.ts. SUCCESS is the status of a bulk result that did not fail.
 */
export type SupervisorFault =
  | "UNKNOWN_METHOD"
  | "INCORRECT_PARAMETERS"
  | "BAD_ARGUMENTS"
  | "SIGNATURE_UNSUPPORTED"
  | "SHUTDOWN_STATE"
  | "BAD_NAME"
  | "BAD_SIGNAL"
  | "NO_FILE"
  | "NOT_EXECUTABLE"
  | "FAILED"
  | "ABNORMAL_TERMINATION"
  | "SPAWN_ERROR"
  | "ALREADY_STARTED"
  | "NOT_RUNNING"
  | "SUCCESS"
  | "ALREADY_ADDED"
  | "STILL_RUNNING"
  | "CANT_REREAD";

/** A fault name of supervisor's, or one of svisor's own codes that never cross the wire as XML-RPC. */
export type FaultCode = SupervisorFault | "CONFIG" | "USAGE" | "IO";

/** An error with a stable code; `message` is the one-line text a user sees. */
export class SvisorError extends Error {
  /** The stable code. */
  readonly code: FaultCode;
  /** Builds an error with a code and a one-line message. */
  constructor(code: FaultCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SvisorError";
    this.code = code;
  }
}

/** Where in a config a problem sits; every field is optional because some problems have no line. */
export interface ConfigLocation {
  /** The file the problem is in. */
  file?: string;
  /** 1-based line number. */
  line?: number;
  /** The section name, e.g. `program:web`. */
  section?: string;
  /** The option name, lower-cased. */
  option?: string;
}

/**
 * A problem in a config file, formatted location first:
 * `svisor.conf:12: [program:web] startsecs: cannot parse "ten" as an integer`.
 */
export class ConfigError extends SvisorError {
  /** Where the problem is. */
  readonly location: ConfigLocation;
  /** The problem alone, without the location. */
  readonly detail: string;
  /** Builds a config error from a location and the problem. */
  constructor(location: ConfigLocation, detail: string) {
    super("CONFIG", formatLocated(location, detail));
    this.name = "ConfigError";
    this.location = location;
    this.detail = detail;
  }
}

/**
 * Formats a message location first, in the house grammar.
 *
 * @example
 * ```ts
 * import { formatLocated } from "./errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   formatLocated({ file: "a.conf", line: 3, section: "program:x", option: "startsecs" }, "bad"),
 *   "a.conf:3: [program:x] startsecs: bad",
 * );
 * ```
 */
export function formatLocated(loc: ConfigLocation, detail: string): string {
  let prefix = "";
  if (loc.file !== undefined) {
    prefix += loc.line !== undefined ? `${loc.file}:${loc.line}: ` : `${loc.file}: `;
  }
  if (loc.section !== undefined) prefix += `[${loc.section}] `;
  if (loc.option !== undefined) prefix += `${loc.option}: `;
  return prefix + detail;
}

/** Several config errors at once: a config is either loaded whole or not at all. */
export class ConfigErrors extends SvisorError {
  /** Every problem found. */
  readonly errors: readonly ConfigError[];
  /** Builds the aggregate; the message lists every problem, one a line. */
  constructor(errors: readonly ConfigError[]) {
    super("CONFIG", errors.map((e) => e.message).join("\n"));
    this.name = "ConfigErrors";
    this.errors = errors;
  }
}
