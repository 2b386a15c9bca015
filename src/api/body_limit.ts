/** Reads a request body with an upper bound, so no client can make the daemon buffer without limit. */

/** The client's body stream failed mid-way (a reset, or it went away): a bad request, not a bug. */
export class BodyBrokenError extends Error {
  override name = "BodyBrokenError";
  /** The error with its one message. */
  constructor() {
    super("the request body ended abruptly");
  }
}

/** The default largest request body: 2 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A body read: its text, or `tooLarge` when it passed the bound (the rest is not read). */
export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * Reads the whole body as UTF-8 (invalid bytes become U+FFFD), stopping at `maxBytes`: a
 * Content-Length above the bound is refused before reading, a longer stream when it gets there.
 *
 * @example
 * ```ts
 * import { readBoundedBody } from "./body_limit.ts";
 * import assert from "node:assert/strict";
 * const req = (body: string) => new Request("http://x/", { method: "POST", body });
 * assert.deepEqual(await readBoundedBody(req("hello"), 10), { ok: true, text: "hello" });
 * assert.deepEqual(await readBoundedBody(req("hello world!"), 10), { ok: false, tooLarge: true });
 * ```
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const parts: string[] = [];
  const read = await streamBoundedBody(request, maxBytes, (text) => void parts.push(text));
  if (read === "broken") throw new BodyBrokenError();
  return read === "tooLarge" ? { ok: false, tooLarge: true } : { ok: true, text: parts.join("") };
}

/**
 * Reads the body as UTF-8 text handed to `sink` piece by piece as it arrives, stopping at
 * `maxBytes` ("tooLarge", the rest unread); "broken" when the client's stream failed (it reset or
 * went away mid-body). When `sink` throws (a parser refusing the text) the rest is not read either
 * and the error is thrown.
 */
export async function streamBoundedBody(
  request: Request,
  maxBytes: number,
  sink: (text: string) => void,
): Promise<"ok" | "tooLarge" | "broken"> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {}); // nothing more is wanted from this body
    return "tooLarge";
  }
  if (request.body === null) return "ok";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        return "broken"; // the caller answers 400; the client is most likely gone
      }
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {}); // nothing more is wanted from this body
        return "tooLarge";
      }
      const text = decoder.decode(value, { stream: true });
      if (text !== "") sink(text);
    }
    const rest = decoder.decode();
    if (rest !== "") sink(rest);
    return "ok";
  } catch (e) {
    // The sink refused the text: the rest is read and dropped (up to the bound, in constant
    // memory), so the HTTP server finishes the request and can close the connection; a client
    // that sends its whole body before it reads would otherwise wait on a full socket for ever.
    await drain(reader, maxBytes - size);
    throw e;
  }
}

/** Reads and drops up to `budget` more bytes, then cancels whatever is left. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number) {
  try {
    for (let left = budget; left >= 0;) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing left to drain
  }
}
