/** Byte-array helpers shared by the codecs, the listener protocol and the HTTP code. */

/**
 * The bytes of `parts` one after another: the part itself when there is one (no copy), else a new
 * array.
 *
 * @example
 * ```ts
 * import { concatBytes } from "./bytes.ts";
 * import assert from "node:assert/strict";
 * const a = new Uint8Array([1, 2]);
 * assert.deepEqual(concatBytes([a, new Uint8Array([3])]), new Uint8Array([1, 2, 3]));
 * assert.equal(concatBytes([a]), a);
 * ```
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
