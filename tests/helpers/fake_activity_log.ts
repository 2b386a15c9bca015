/** An in-memory ActivityLog for tests: keeps `LEVL message` lines at or above a level. */

import { type ActivityLog, LOG_LEVELS, type LogLevel } from "../../src/core/ports.ts";

/** Records every message at or above `level` (default DEBG) as `LEVL message`. */
export class FakeActivityLog implements ActivityLog {
  /** The lines written, oldest first. */
  readonly lines: string[] = [];
  readonly #min: number;

  /** Keeps messages at `level` and above. */
  constructor(level: LogLevel = "DEBG") {
    this.#min = LOG_LEVELS[level];
  }

  log(level: LogLevel, message: string): void {
    if (this.enabled(level)) this.lines.push(`${level} ${message}`);
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS[level] >= this.#min;
  }

  /** Lines without DEBG ones. */
  get info(): string[] {
    return this.lines.filter((l) =>
      !l.startsWith("DEBG") && !l.startsWith("TRAC") && !l.startsWith("BLAT")
    );
  }

  /** Forgets the lines so far. */
  clear(): void {
    this.lines.length = 0;
  }
}
