/** The daemon's log before its activity log is open: lines wait, then go straight to the log. */

import type { LogLevel } from "../core/ports.ts";

/** Something that takes log lines. */
export interface LineSink {
  /** Writes one line at a level. */
  log(level: LogLevel, message: string): void;
}

/**
 * Holds lines (a bounded number: the servers log a handful at start) until `open(sink)`, which
 * writes them in order; every later line goes straight to the sink. Used by the control servers,
 * which open before the activity log and log the errors of requests for the daemon's whole life.
 *
 * @example
 * ```ts
 * import { EarlyLog } from "./early_log.ts";
 * import assert from "node:assert/strict";
 * const lines: string[] = [];
 * const early = new EarlyLog();
 * early.log("INFO", "first");
 * early.open({ log: (level, m) => lines.push(`${level} ${m}`) });
 * early.log("WARN", "later");
 * assert.deepEqual(lines, ["INFO first", "WARN later"]);
 * ```
 */
export class EarlyLog implements LineSink {
  /** The most lines held before the log opens; later ones are dropped (counted). */
  static readonly LIMIT = 1000;
  #held: Array<[LogLevel, string]> = [];
  #dropped = 0;
  #sink: LineSink | null = null;

  /** Holds the line, or writes it once the log is open. */
  log(level: LogLevel, message: string): void {
    if (this.#sink !== null) return this.#sink.log(level, message);
    if (this.#held.length < EarlyLog.LIMIT) this.#held.push([level, message]);
    else this.#dropped++;
  }

  /** Holds the line ahead of the others (or writes it once the log is open). */
  logFirst(level: LogLevel, message: string): void {
    if (this.#sink !== null) return this.#sink.log(level, message);
    this.#held.unshift([level, message]);
  }

  /** Writes the held lines to `sink`, then sends it every later line. */
  open(sink: LineSink): void {
    for (const [level, m] of this.#held) sink.log(level, m);
    if (this.#dropped > 0) sink.log("WARN", `${this.#dropped} early log lines were dropped`);
    this.#held = [];
    this.#sink = sink;
  }
}
