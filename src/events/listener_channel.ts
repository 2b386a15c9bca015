/**
 * One event listener's side of the protocol, as pure code: what its stdout bytes mean in each
 * listener state (supervisord's `PEventListenerDispatcher.handle_listener_state_change`).
 */

import { concatBytes } from "../core/bytes.ts";
import type { LogLevel } from "../core/ports.ts";
import {
  type ListenerStateName,
  parseResultLength,
  READY_TOKEN,
  RESULT_OK,
} from "../protocol/listener_wire.ts";
import { pyBytesRepr } from "./supervisor_event.ts";

/** What feeding bytes to a channel asks its runner to do. */
export type ChannelEffect =
  | { type: "log"; level: LogLevel; message: string }
  /** The event in flight was taken: forget it. */
  | { type: "processed" }
  /** The event in flight goes back to the head of its pool's buffer. */
  | { type: "rejected" };

const READY_BYTES = new TextEncoder().encode(READY_TOKEN);
const OK_BYTES = new TextEncoder().encode(RESULT_OK);
const NEWLINE = 0x0a;
const HEAD_BYTES = 8;
/** The longest result line svisor waits for (supervisord waits without bound). */
export const MAX_RESULT_LINE = 4096;

/**
 * The listener state of one listener process and the bytes it wrote that are not yet understood.
 * A spawn makes a new channel (ACKNOWLEDGED: it must say READY first).
 *
 * @example
 * ```ts
 * import { ListenerChannel } from "./listener_channel.ts";
 * import assert from "node:assert/strict";
 * const ch = new ListenerChannel("lis");
 * ch.feed(new TextEncoder().encode("READY\n"));
 * assert.equal(ch.state, "READY");
 * ch.sent();
 * const effects = ch.feed(new TextEncoder().encode("RESULT 2\nOK"));
 * assert.equal(ch.state, "ACKNOWLEDGED");
 * assert.ok(effects.some((e) => e.type === "processed"));
 * ```
 */
export class ListenerChannel {
  /** The process name (in log lines). */
  readonly name: string;
  #state: ListenerStateName = "ACKNOWLEDGED";
  #buffer: Uint8Array = new Uint8Array(0);
  #resultLength: number | null = null;
  /** The first bytes of the result being read (only `OK` matters, so a huge result is not kept). */
  #resultHead: Uint8Array = new Uint8Array(0);
  #resultSeen = 0;
  readonly #debug: boolean;

  /**
   * A fresh channel, ACKNOWLEDGED. `debug: false` leaves out the DEBG log effects (the runner
   * would drop them below its level; building them cost a few strings per event).
   */
  constructor(name: string, options: { debug?: boolean } = {}) {
    this.name = name;
    this.#debug = options.debug ?? true;
  }

  /** The listener state. */
  get state(): ListenerStateName {
    return this.#state;
  }

  /** Bytes of an unfinished result still awaited (0 when none is being read). */
  get pendingResultBytes(): number {
    return this.#resultLength === null ? 0 : this.#resultLength - this.#resultSeen;
  }

  /** An event was written to the listener: it is BUSY until it answers. */
  sent(): void {
    this.#state = "BUSY";
  }

  /**
   * Takes bytes the listener wrote to stdout; returns what follows from them. The chunk is read
   * in place (the usual `RESULT 2\nOKREADY\n` leaves nothing over); what is left over is copied,
   * so the caller may reuse the chunk's buffer afterwards.
   */
  feed(chunk: Uint8Array): ChannelEffect[] {
    const kept = this.#buffer.length > 0;
    if (chunk.length > 0) this.#buffer = kept ? concatBytes([this.#buffer, chunk]) : chunk;
    const effects: ChannelEffect[] = [];
    this.#advance(effects);
    if (!kept && this.#buffer.length > 0) this.#buffer = this.#buffer.slice();
    return effects;
  }

  #advance(effects: ChannelEffect[]): void {
    while (this.#buffer.length > 0) {
      switch (this.#state) {
        case "UNKNOWN":
          // Final: whatever it writes is dropped until it is restarted.
          this.#buffer = new Uint8Array(0);
          return;
        case "ACKNOWLEDGED":
          if (this.#buffer.length < READY_BYTES.length) return;
          if (startsWith(this.#buffer, READY_BYTES)) {
            this.#change("READY", effects);
            this.#buffer = this.#buffer.subarray(READY_BYTES.length);
          } else {
            this.#change("UNKNOWN", effects);
            this.#buffer = new Uint8Array(0);
          }
          continue;
        case "READY":
          // Unsolicited output: supervisord is strict about it.
          this.#change("UNKNOWN", effects);
          this.#buffer = new Uint8Array(0);
          return;
        case "BUSY":
          if (!this.#busy(effects)) return;
          continue;
      }
    }
  }

  /** One step of reading a result; false when more bytes are needed. */
  #busy(effects: ChannelEffect[]): boolean {
    if (this.#resultLength === null) {
      let pos = this.#buffer.indexOf(NEWLINE);
      if (pos === -1 && this.#buffer.length <= MAX_RESULT_LINE) return false;
      // A "line" longer than any result line is garbage: judged now rather than buffered for ever.
      if (pos === -1) pos = MAX_RESULT_LINE;
      const line = this.#buffer.subarray(0, pos);
      this.#buffer = this.#buffer.subarray(pos + 1);
      const text = decodeLine(line);
      const length = parseResultLength(text);
      if (length === null) {
        effects.push({
          type: "log",
          level: "WARN",
          message: `${this.name}: bad result line: '${text}'`,
        });
        this.#change("UNKNOWN", effects);
        this.#buffer = new Uint8Array(0);
        effects.push({ type: "rejected" });
        return false;
      }
      this.#resultLength = Math.max(0, length);
      // supervisord looks at the rest only when more bytes are buffered (a `RESULT 0\n` alone waits).
      return this.#buffer.length > 0;
    }
    const needed = this.#resultLength - this.#resultSeen;
    if (needed > 0) {
      const taken = this.#buffer.subarray(0, needed);
      if (this.#resultHead.length < HEAD_BYTES) {
        this.#resultHead = concatBytes([this.#resultHead, taken.subarray(0, HEAD_BYTES)]);
      }
      this.#resultSeen += taken.length;
      this.#buffer = this.#buffer.subarray(taken.length);
    }
    if (this.#resultSeen < this.#resultLength) return false;
    const ok = this.#resultSeen === OK_BYTES.length && equal(this.#resultHead, OK_BYTES);
    this.#handleResult(ok, effects);
    this.#resultHead = new Uint8Array(0);
    this.#resultSeen = 0;
    this.#resultLength = null;
    return this.#buffer.length > 0;
  }

  #handleResult(ok: boolean, effects: ChannelEffect[]): void {
    if (ok) {
      if (this.#debug) {
        effects.push({ type: "log", level: "DEBG", message: `${this.name}: event was processed` });
      }
      this.#change("ACKNOWLEDGED", effects);
      effects.push({ type: "processed" });
      return;
    }
    effects.push({ type: "log", level: "WARN", message: `${this.name}: event was rejected` });
    this.#change("ACKNOWLEDGED", effects);
    effects.push({ type: "rejected" });
  }

  #change(to: ListenerStateName, effects: ChannelEffect[]): void {
    if (this.#debug) {
      effects.push({
        type: "log",
        level: "DEBG",
        message: `${this.name}: ${this.#state} -> ${to}`,
      });
    }
    this.#state = to;
    if (to === "UNKNOWN") {
      effects.push({
        type: "log",
        level: "WARN",
        message: `${this.name}: has entered the UNKNOWN state and will no longer receive events, ` +
          "this usually indicates the process violated the eventlistener protocol",
      });
    }
  }
}

/** A decoder without `stream` keeps no state between calls: one serves every line. */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The listener's stdout line as supervisord logs it: UTF-8, else `Undecodable: b'...'`. */
function decodeLine(line: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(line);
  } catch {
    return `Undecodable: ${pyBytesRepr(line)}`;
  }
}

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((b, i) => data[i] === b);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && startsWith(a, b);
}
