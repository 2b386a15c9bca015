/**
 * Capture mode as pure code (supervisord's `POutputDispatcher.record_output`): splits a child's
 * output into logged bytes, captured bytes, and the blocks between the capture tokens.
 */

import { concatBytes } from "../core/bytes.ts";
import { CAPTURE_BEGIN, CAPTURE_END } from "../protocol/capture_tokens.ts";

/** A piece of output after the split. */
export type CapturePiece =
  /** Bytes the child wrote; `captured` ones go to the capture buffer instead of the log file. */
  | { kind: "data"; data: Uint8Array; captured: boolean }
  /** An end token closed a block: its captured bytes (at most maxbytes, oldest dropped). */
  | { kind: "comm"; data: Uint8Array };

const BEGIN = new TextEncoder().encode(CAPTURE_BEGIN);
const END = new TextEncoder().encode(CAPTURE_END);
const EMPTY = new Uint8Array(0);

/**
 * The capture state of one output channel whose `*_capture_maxbytes` is above 0.
 *
 * @example
 * ```ts
 * import { CaptureSplitter } from "./capture_splitter.ts";
 * import assert from "node:assert/strict";
 * const s = new CaptureSplitter(100);
 * const text = "before <!--XSUPERVISOR:BEGIN-->secret<!--XSUPERVISOR:END--> after that";
 * const pieces = s.feed(new TextEncoder().encode(text));
 * const dec = (d: Uint8Array) => new TextDecoder().decode(d);
 * assert.deepEqual(pieces.map((p) => `${p.kind}:${dec(p.data)}`), [
 *   "data:before ", "data:secret", "comm:secret",
 * ]);
 * // " after that" is not longer than a token, so it waits for more output (supervisord drops
 * // such a rest when the child's output ends; so does svisor).
 * ```
 */
export class CaptureSplitter {
  readonly #maxbytes: number;
  #pending: Uint8Array = new Uint8Array(0);
  #capturing = false;
  #captured: Uint8Array = new Uint8Array(0);

  /** A splitter keeping at most `maxbytes` of a block. */
  constructor(maxbytes: number) {
    this.#maxbytes = maxbytes;
  }

  /** Whether a block is open. */
  get capturing(): boolean {
    return this.#capturing;
  }

  /**
   * Takes a chunk; returns the pieces it completes. Up to a token's length of bytes may be held
   * back (they could start a token), as supervisord holds them; what is held when the output
   * ends is never logged, as in supervisord.
   */
  feed(chunk: Uint8Array): CapturePiece[] {
    const pieces: CapturePiece[] = [];
    // One pass over the bytes with an offset: a chunk of many blocks is not copied once per token.
    const data = this.#pending.length === 0 ? chunk : concatBytes([this.#pending, chunk]);
    this.#pending = EMPTY;
    let at = 0;
    while (true) {
      const token = this.#capturing ? END : BEGIN;
      // The chunk's buffer is reused after this call: what is held back is copied.
      if (data.length - at <= token.length) {
        this.#pending = data.slice(at);
        return pieces;
      }
      const found = indexOf(data, token, at);
      if (found === -1) {
        const keep = prefixAtEnd(data, at, token);
        this.#data(data.subarray(at, data.length - keep), pieces);
        this.#pending = data.slice(data.length - keep);
        return pieces;
      }
      this.#data(data.subarray(at, found), pieces);
      this.#toggle(pieces);
      at = found + token.length;
      if (at === data.length) return pieces;
    }
  }

  #data(data: Uint8Array, pieces: CapturePiece[]): void {
    if (data.length === 0) return;
    pieces.push({ kind: "data", data: data.slice(), captured: this.#capturing });
    if (!this.#capturing) return;
    // supervisor's BoundIO: when a write would pass maxbytes, as many bytes as it brings are cut
    // from the front first.
    const kept = this.#captured.length + data.length > this.#maxbytes
      ? this.#captured.subarray(data.length)
      : this.#captured;
    this.#captured = concatBytes([kept, data]);
  }

  #toggle(pieces: CapturePiece[]): void {
    this.#capturing = !this.#capturing;
    if (this.#capturing) return;
    pieces.push({ kind: "comm", data: this.#captured });
    this.#captured = new Uint8Array(0);
  }
}

/** Where `token` starts in `data` at or after `from`, or -1. */
function indexOf(data: Uint8Array, token: Uint8Array, from: number): number {
  const first = token[0]!;
  const last = data.length - token.length;
  for (let i = data.indexOf(first, from); i !== -1 && i <= last; i = data.indexOf(first, i + 1)) {
    let j = 1;
    while (j < token.length && data[i + j] === token[j]) j++;
    if (j === token.length) return i;
  }
  return -1;
}

/**
 * supervisor's `find_prefix_at_end` on `data` from `from`: the longest proper prefix of `token`
 * that it ends with.
 */
function prefixAtEnd(data: Uint8Array, from: number, token: Uint8Array): number {
  const length = data.length - from;
  for (let l = Math.min(token.length - 1, length); l > 0; l--) {
    let match = true;
    for (let j = 0; j < l; j++) {
      if (data[data.length - l + j] !== token[j]) {
        match = false;
        break;
      }
    }
    if (match) return l;
  }
  return 0;
}
