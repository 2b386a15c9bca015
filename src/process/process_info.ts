/** Builds supervisor's getProcessInfo struct from a process record. */

import type { ProcessInfo } from "../protocol/types.ts";
import { describeProcess } from "./process_description.ts";
import type { ProcessRecord } from "./process_record.ts";

/** The largest value an XML-RPC int may hold; supervisor caps the timestamps to it. */
const MAX_INT = 2 ** 31 - 1;

/** What a ProcessInfo needs besides the record. */
export interface ProcessInfoParts {
  /** Process name. */
  name: string;
  /** Group name. */
  group: string;
  /** stdout log path, or null when none. */
  stdoutLogfile: string | null;
  /** stderr log path, or null when none. */
  stderrLogfile: string | null;
  /** Wall-clock ms now. */
  now: number;
}

/**
 * The getProcessInfo struct: epoch seconds capped at 2^31-1, `exitstatus or 0`, '' for missing
 * logs and spawn errors, and the description.
 *
 * @example
 * ```ts
 * import { processInfo } from "./process_info.ts";
 * import { newRecord } from "./process_record.ts";
 * import assert from "node:assert/strict";
 * const info = processInfo(newRecord(), {
 *   name: "web", group: "web", stdoutLogfile: "/l/web.log", stderrLogfile: null, now: 5000,
 * });
 * assert.equal(info.statename, "STOPPED");
 * assert.equal(info.description, "Not started");
 * assert.equal(info.stderr_logfile, "");
 * ```
 */
export function processInfo(record: ProcessRecord, parts: ProcessInfoParts): ProcessInfo {
  const start = seconds(record.laststart);
  const stop = seconds(record.laststop);
  const now = seconds(parts.now);
  const spawnerr = record.spawnerr ?? "";
  const stdout = parts.stdoutLogfile ?? "";
  return {
    name: parts.name,
    group: parts.group,
    start,
    stop,
    now,
    statename: record.state,
    spawnerr,
    exitstatus: record.exitstatus ?? 0,
    stdout_logfile: stdout,
    stderr_logfile: parts.stderrLogfile ?? "",
    pid: record.pid,
    description: describeProcess({
      name: parts.name,
      state: record.state,
      pid: record.pid,
      start,
      stop,
      now,
      spawnerr,
    }),
  };
}

function seconds(ms: number): number {
  return Math.min(MAX_INT, Math.floor(ms / 1000));
}
