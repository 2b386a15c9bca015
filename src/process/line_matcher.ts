/** Finds a regex in a child's output line by line across chunk boundaries, with a bounded partial line (pure). */

/** The longest partial line kept while waiting for its end; longer lines are checked in pieces. */
export const MAX_PARTIAL = 64 * 1024;

/**
 * Feeds chunks; `feed` returns true once a complete line (or a piece of MAX_PARTIAL bytes)
 * matches, and from then on without further work.
 *
 * @example
 * ```ts
 * import { LineMatcher } from "./line_matcher.ts";
 * import assert from "node:assert/strict";
 * const m = new LineMatcher(/^ready$/);
 * const te = new TextEncoder();
 * assert.equal(m.feed(te.encode("starting\nrea")), false);
 * assert.equal(m.feed(te.encode("dy\n")), true);
 * ```
 */
export class LineMatcher {
  readonly #regex: RegExp;
  readonly #decoder = new TextDecoder();
  #partial = "";
  #matched = false;

  /** Matches `regex` against each line (without its newline). */
  constructor(regex: RegExp) {
    this.#regex = new RegExp(regex.source, regex.flags.replace("g", ""));
  }

  /** Whether a line has matched. */
  get matched(): boolean {
    return this.#matched;
  }

  /** Forgets the partial line and any match (a new child). */
  reset(): void {
    this.#partial = "";
    this.#matched = false;
  }

  /** Feeds a chunk; true when a line has matched (now or before). */
  feed(chunk: Uint8Array): boolean {
    if (this.#matched) return true;
    const text = this.#partial + this.#decoder.decode(chunk, { stream: true });
    const lines = text.split(/\r?\n/);
    this.#partial = lines.pop() ?? "";
    for (const line of lines) {
      if (this.#regex.test(line)) return this.#hit();
    }
    if (this.#partial.length > MAX_PARTIAL) {
      const piece = this.#partial;
      this.#partial = "";
      if (this.#regex.test(piece)) return this.#hit();
    }
    return false;
  }

  #hit(): boolean {
    this.#matched = true;
    this.#partial = "";
    return true;
  }
}
