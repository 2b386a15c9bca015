/** supervisor's event listener protocol on the wire: the tokens a listener writes, the envelope supervisord writes, the listener states. */

/** What a listener writes when it can take an event. */
export const READY_TOKEN = "READY\n";

/** How a listener's answer starts: `RESULT <len>\n` then exactly `<len>` bytes. */
export const RESULT_TOKEN = "RESULT ";

/** The only answer supervisor's default result handler accepts; anything else rejects the event. */
export const RESULT_OK = "OK";

/** The envelope's `ver:` field. */
export const PROTOCOL_VERSION = "3.0";

/** The listener states and their codes (supervisor's `EventListenerStates`). */
export const LISTENER_STATES = { READY: 10, BUSY: 20, ACKNOWLEDGED: 30, UNKNOWN: 40 } as const;

/** A listener state name. */
export type ListenerStateName = keyof typeof LISTENER_STATES;

/** The header fields of one event as sent to one pool. */
export interface EnvelopeFields {
  /** The daemon's identifier (`server:`). */
  server: string;
  /** The global serial. */
  serial: number;
  /** The pool (group) name. */
  pool: string;
  /** The serial within the pool. */
  poolSerial: number;
  /** The event type name. */
  eventName: string;
}

/**
 * The text sent to a listener's stdin: the header line then the payload. `len` is Python's `len()`
 * of the payload string (code points, not UTF-8 bytes), as supervisord computes it.
 *
 * @example
 * ```ts
 * import { envelope } from "./listener_wire.ts";
 * import assert from "node:assert/strict";
 * const fields = { server: "supervisor", serial: 0, pool: "lis", poolSerial: 0 };
 * assert.equal(
 *   envelope({ ...fields, eventName: "PROCESS_GROUP_ADDED" }, "groupname:lis\n"),
 *   "ver:3.0 server:supervisor serial:0 pool:lis poolserial:0 eventname:PROCESS_GROUP_ADDED len:14\ngroupname:lis\n",
 * );
 * ```
 */
export function envelope(fields: EnvelopeFields, payload: string): string {
  return `ver:${PROTOCOL_VERSION} server:${fields.server} serial:${fields.serial} ` +
    `pool:${fields.pool} poolserial:${fields.poolSerial} eventname:${fields.eventName} ` +
    `len:${pyLen(payload)}\n${payload}`;
}

/** Python's `len()` of a string: code points (a surrogate pair counts once). */
export function pyLen(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * The length in a result line, read as supervisord does: the first 7 bytes (`RESULT `) are cut
 * off unseen and the rest goes through Python's `int()` (spaces around, a sign, `_` between
 * digits); null when `int()` would raise.
 *
 * @example
 * ```ts
 * import { parseResultLength } from "./listener_wire.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseResultLength("RESULT 2"), 2);
 * assert.equal(parseResultLength("RESULT  4 "), 4);
 * assert.equal(parseResultLength("RESULT two"), null);
 * ```
 */
export function parseResultLength(line: string): number | null {
  const text = line.slice(RESULT_TOKEN.length).trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(text)) return null;
  return Number(text.replaceAll("_", ""));
}

/** A parsed envelope header line (what a listener reads; used by svisor's own tests and tools). */
export type EnvelopeHeader = Record<string, string>;

/**
 * Splits a header line (`ver:3.0 server:x ... len:N`) into its fields, as childutils does.
 *
 * @example
 * ```ts
 * import { parseEnvelopeHeader } from "./listener_wire.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseEnvelopeHeader("ver:3.0 len:5")["len"], "5");
 * ```
 */
export function parseEnvelopeHeader(line: string): EnvelopeHeader {
  const out: EnvelopeHeader = {};
  for (const token of line.trim().split(/\s+/)) {
    const at = token.indexOf(":");
    if (at > 0) out[token.slice(0, at)] = token.slice(at + 1);
  }
  return out;
}
