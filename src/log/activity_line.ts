/** The main activity log's line format and level names: `YYYY-MM-DD HH:MM:SS,mmm LEVL message`, local time. */

import { LOG_LEVELS, type LogLevel } from "../core/ports.ts";
import type { LogLevelName } from "../config/model.ts";

/** Config level names (`loglevel=`) to the four-letter names written in the log. */
export const LEVEL_BY_NAME: Readonly<Record<LogLevelName, LogLevel>> = {
  critical: "CRIT",
  error: "ERRO",
  warn: "WARN",
  info: "INFO",
  debug: "DEBG",
  trace: "TRAC",
  blather: "BLAT",
};

/** The log's level for a config level name (`info` -> `INFO`). */
export function levelFromName(name: LogLevelName): LogLevel {
  return LEVEL_BY_NAME[name];
}

/** Whether a message at `level` passes a log configured at `threshold` (CRIT 50 ... BLAT 3). */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS[level] >= LOG_LEVELS[threshold];
}

/**
 * Formats one log line, newline included; a message with newlines is kept as is (continuation lines
 * get no prefix). Milliseconds are truncated, like supervisor's `%03d`.
 *
 * @example
 * ```ts
 * import { formatActivityLine } from "./activity_line.ts";
 * import assert from "node:assert/strict";
 * const t = new Date(2026, 10, 24, 13, 33, 24, 907).getTime();
 * assert.equal(
 *   formatActivityLine(t, "INFO", "RPC interface 'supervisor' initialized"),
 *   "2026-11-24 13:33:24,907 INFO RPC interface 'supervisor' initialized\n",
 * );
 * ```
 */
export function formatActivityLine(epochMs: number, level: LogLevel, message: string): string {
  return `${formatAsctime(epochMs)} ${level} ${message}\n`;
}

/** Supervisor's asctime in local time: `YYYY-MM-DD HH:MM:SS,mmm`. */
export function formatAsctime(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  const p2 = (n: number) => String(n).padStart(2, "0");
  const ms = String(d.getMilliseconds()).padStart(3, "0");
  return `${String(d.getFullYear()).padStart(4, "0")}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())},${ms}`;
}
