/** Reads a request body with an upper bound, so no client can make the daemon buffer without limit. */

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
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    // The request is refused either way: a body that fails to cancel has nothing left to free.
    await request.body?.cancel().catch(() => {});
    return { ok: false, tooLarge: true };
  }
  if (request.body === null) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // The request is refused either way: a body that fails to cancel has nothing left to free.
      await reader.cancel().catch(() => {});
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(all) };
}
