/** Typed errors with stable codes, translated to HTTP statuses, XML-RPC faults and exit codes at each edge. */

/**
 * Stable fault codes, named after supervisor's XML-RPC faults (§5.2 of the reference) plus a few of
 * svisor's own (CONFIG, USAGE, IO).
 */
export const FAULTS = {
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
} as const;

/** A fault name of supervisor's, or one of svisor's own codes that never cross the wire as XML-RPC. */
export type FaultCode = keyof typeof FAULTS | "CONFIG" | "USAGE" | "IO";

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
