/** Removes ANSI escape sequences from a byte stream the way supervisor's strip_ansi does, across chunk boundaries. */

import { concatBytes } from "../core/bytes.ts";

const ESC = 0x1b;
const OPEN_BRACKET = 0x5b;
/** Bytes that end a hidden sequence: supervisor's `HfABCDRsuJKhlpm`. */
const TERMINATORS = new Uint8Array(256);
for (const c of "HfABCDRsuJKhlpm") TERMINATORS[c.charCodeAt(0)] = 1;

/**
 * A streaming stripper: everything from `ESC [` up to and including the next byte of
 * `HfABCDRsuJKhlpm` is dropped, even when the sequence is split across chunks. A trailing lone ESC is
 * held back until the next chunk shows whether `[` follows; `flush` releases it.
 *
 * @example
 * ```ts
 * import { AnsiStripper } from "./ansi_stripper.ts";
 * import assert from "node:assert/strict";
 * const s = new AnsiStripper();
 * const out = [s.push(new TextEncoder().encode("red: \x1b[3")), s.push(new TextEncoder().encode("1mhot\x1b[0m\n"))];
 * assert.equal(out.map((b) => new TextDecoder().decode(b)).join(""), "red: hot\n");
 * ```
 */
export class AnsiStripper {
  #hiding = false;
  #pendingEsc = false;

  /** Strips one chunk; returns the bytes to keep (possibly the chunk itself when nothing changed). */
  push(chunk: Uint8Array): Uint8Array {
    if (chunk.length === 0) return chunk;
    if (!this.#hiding && !this.#pendingEsc && chunk.indexOf(ESC) === -1) return chunk;
    const parts: Uint8Array[] = [];
    let i = 0;
    if (this.#pendingEsc) {
      this.#pendingEsc = false;
      if (chunk[0] === OPEN_BRACKET) {
        this.#hiding = true;
        i = 1;
      } else {
        parts.push(Uint8Array.of(ESC));
      }
    }
    while (i < chunk.length) {
      if (this.#hiding) {
        while (i < chunk.length && TERMINATORS[chunk[i]!] !== 1) i++;
        if (i === chunk.length) break;
        this.#hiding = false;
        i++;
        continue;
      }
      const esc = chunk.indexOf(ESC, i);
      if (esc === -1) {
        parts.push(chunk.subarray(i));
        break;
      }
      if (esc === chunk.length - 1) {
        parts.push(chunk.subarray(i, esc));
        this.#pendingEsc = true;
        break;
      }
      if (chunk[esc + 1] === OPEN_BRACKET) {
        parts.push(chunk.subarray(i, esc));
        this.#hiding = true;
        i = esc + 2;
      } else {
        parts.push(chunk.subarray(i, esc + 1));
        i = esc + 1;
      }
    }
    return concatBytes(parts);
  }

  /** Ends the stream: returns a held-back ESC, if any, and resets the state. */
  flush(): Uint8Array {
    const out = this.#pendingEsc ? Uint8Array.of(ESC) : new Uint8Array(0);
    this.#pendingEsc = false;
    this.#hiding = false;
    return out;
  }
}

/** Strips a whole buffer at once (a fresh stripper, flushed). */
export function stripAnsi(bytes: Uint8Array): Uint8Array {
  const s = new AnsiStripper();
  return concatBytes([s.push(bytes), s.flush()]);
}
