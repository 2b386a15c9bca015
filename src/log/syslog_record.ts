/**
 * supervisord's syslog records: what Python's `syslog.syslog(msg)` sends to /dev/log when no
 * `openlog` was called (facility user, priority info, ident `supervisord`, no pid), one datagram
 * per line of a message, as supervisor's SyslogHandler splits it.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The tag every record carries: supervisord's ident (the basename of its argv[0]). */
export const SYSLOG_IDENT = "supervisord";

/** `<14>`: LOG_USER (1 << 3) | LOG_INFO (6), what supervisord sends for every level and stream. */
export const SYSLOG_PRIORITY = 14;

/**
 * The lines supervisor's SyslogHandler sends for one message: trailing newlines dropped, then one
 * record per line (an empty line in the middle is a record too).
 *
 * @example
 * ```ts
 * import { syslogLines } from "./syslog_record.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(syslogLines("one\n\ntwo\n\n"), ["one", "", "two"]);
 * ```
 */
export function syslogLines(message: string): string[] {
  return message.replace(/\n+$/, "").split("\n");
}

/**
 * One datagram as glibc's syslog(3) formats it: `<14>Dec  1 21:44:06 supervisord: text` (local
 * time, the day padded with a space).
 *
 * @example
 * ```ts
 * import { syslogDatagram } from "./syslog_record.ts";
 * import assert from "node:assert/strict";
 * const at = new Date(2026, 11, 1, 21, 4, 6).getTime();
 * assert.equal(syslogDatagram(at, "web hello"), "<14>Dec  1 21:04:06 supervisord: web hello");
 * ```
 */
export function syslogDatagram(nowMs: number, text: string): string {
  const d = new Date(nowMs);
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `<${SYSLOG_PRIORITY}>${stamp} ${SYSLOG_IDENT}: ${text}`;
}
