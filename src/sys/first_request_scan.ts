/**
 * Watches the bytes a client sends for the framing of its first HTTP/1 request (pure): where its
 * headers end, and whether its body (by Content-Length) has arrived in full. The connection guard
 * uses it to time the headers and to know when a client's end of input may be passed on.
 */

const CR = 13;
const LF = 10;
/** Header bytes kept for reading Content-Length; longer heads are left to the HTTP server. */
const MAX_HEAD = 16 * 1024;

/**
 * The scan of one connection's first request.
 *
 * @example
 * ```ts
 * import { FirstRequestScan } from "./first_request_scan.ts";
 * import assert from "node:assert/strict";
 * const scan = new FirstRequestScan();
 * scan.feed(new TextEncoder().encode("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"));
 * assert.equal(scan.headersDone, true);
 * assert.equal(scan.requestDone, false);
 * scan.feed(new TextEncoder().encode("cde"));
 * assert.equal(scan.requestDone, true);
 * ```
 */
export class FirstRequestScan {
  #matched = 0; // bytes of CR LF CR LF seen so far, across chunks
  #head: number[] | null = [];
  #bodyLength: number | null = null; // null: unknown (chunked, or unparseable)
  #bodySeen = 0;
  #headersDone = false;

  /** Whether the end of the first request's headers has arrived. */
  get headersDone(): boolean {
    return this.#headersDone;
  }

  /** Whether the whole first request (headers and a Content-Length body) has arrived. */
  get requestDone(): boolean {
    return this.#headersDone && this.#bodyLength !== null && this.#bodySeen >= this.#bodyLength;
  }

  /** Takes the next bytes the client sent. */
  feed(chunk: Uint8Array): void {
    let i = 0;
    for (; i < chunk.length && !this.#headersDone; i++) {
      const b = chunk[i] as number;
      const want = this.#matched % 2 === 0 ? CR : LF;
      this.#matched = b === want ? this.#matched + 1 : (b === CR ? 1 : 0);
      if (this.#head !== null) {
        if (this.#head.length < MAX_HEAD) this.#head.push(b);
        else this.#head = null;
      }
      if (this.#matched === 4) this.#endHeaders();
    }
    if (this.#headersDone) this.#bodySeen += chunk.length - i;
  }

  #endHeaders(): void {
    this.#headersDone = true;
    const head = this.#head === null ? null : new TextDecoder().decode(new Uint8Array(this.#head));
    this.#head = null;
    this.#bodyLength = head === null ? null : bodyLength(head);
  }
}

/** The body length a request head declares: 0 without one, null when chunked or unreadable. */
function bodyLength(head: string): number | null {
  let length = 0;
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "transfer-encoding") return null;
    if (name === "content-length") {
      if (!/^\d+$/.test(value)) return null;
      length = Number(value);
    }
  }
  return length;
}
