/**
 * Counts the newlines of a chunk of output (the lines counter of each log stream). A loop of
 * `indexOf` calls costs a builtin call per line: 200 MB of 100-byte lines spent about 0.2 s there,
 * most of the daemon's own work on the spew. A small WebAssembly function compares 16 bytes at a
 * time (a copy into its memory included, about 3x faster than reading four bytes at a time in
 * JavaScript, which stays as the fallback for chunks larger than that memory).
 */

const NEWLINES = 0x0a0a0a0a;
const LOW7 = 0x7f7f7f7f;
const HIGH = 0x80808080;

/**
 * The number of `\n` bytes in `chunk`.
 *
 * @example
 * ```ts
 * import { countNewlines } from "./newline_count.ts";
 * import assert from "node:assert/strict";
 * assert.equal(countNewlines(new TextEncoder().encode("a\nbc\n\nd")), 3);
 * ```
 */
export function countNewlines(chunk: Uint8Array): number {
  const simd = simdCounter();
  return simd !== null && chunk.length <= SIMD_BYTES ? simd(chunk) : countByWords(chunk);
}

/** Which counter this runtime uses for chunks up to 1 MiB. */
export function newlineCounterKind(): "simd" | "words" {
  return simdCounter() === null ? "words" : "simd";
}

/** Four bytes at a time in JavaScript. */
export function countByWords(chunk: Uint8Array): number {
  let n = 0;
  let i = 0;
  const end = chunk.length;
  // Bytes before the first 4-byte boundary of the buffer, then whole words, then the rest.
  while (i < end && (chunk.byteOffset + i) % 4 !== 0) if (chunk[i++] === 10) n++;
  const words = (end - i) >>> 2;
  if (words > 0) {
    const w = new Uint32Array(chunk.buffer, chunk.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const x = w[k]! ^ NEWLINES; // a newline byte is now 0
      // The high bit of each byte of `t` is set where that byte of `x` is not 0 (the 7-bit sums
      // cannot carry into the next byte).
      const t = (((x & LOW7) + LOW7) | x) & HIGH;
      const zeros = ~t & HIGH;
      if (zeros !== 0) n += Math.imul(zeros >>> 7, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  while (i < end) if (chunk[i++] === 10) n++;
  return n;
}

/** The largest chunk the WebAssembly counter takes (its memory: 16 pages, the widest pipe read). */
const SIMD_BYTES = 16 * 65536;

/**
 * `count(len)`: the bytes equal to 10 among the first `len` of its exported memory. Locals: 0 len,
 * 1 i, 2 n, 3 a v128 of sixteen 10s.
 */
const COUNT_BODY = [
  ...[0x02, 0x02, 0x7f, 0x01, 0x7b], // locals: 2 x i32, 1 x v128
  ...[0x41, 0x0a, 0xfd, 0x0f, 0x21, 0x03], // nl = i8x16.splat(10)
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...[0x20, 0x01, 0x41, 0x10, 0x6a, 0x20, 0x00, 0x4b, 0x0d, 0x01], // if i + 16 > len: break
  // n += popcnt(i8x16.bitmask(i8x16.eq(v128.load(i), nl)))
  ...[0x20, 0x02, 0x20, 0x01, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x03, 0xfd, 0x23, 0xfd, 0x64, 0x69],
  ...[0x6a, 0x21, 0x02],
  ...[0x20, 0x01, 0x41, 0x10, 0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b], // i += 16; continue
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...[0x20, 0x01, 0x20, 0x00, 0x4f, 0x0d, 0x01], // if i >= len: break
  ...[0x20, 0x02, 0x20, 0x01, 0x2d, 0x00, 0x00, 0x41, 0x0a, 0x46, 0x6a, 0x21, 0x02], // n += m[i] == 10
  ...[0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b], // i += 1; continue
  ...[0x20, 0x02, 0x0b], // n
];

function section(id: number, bytes: number[]): number[] {
  return [id, bytes.length, ...bytes]; // every section here is under 128 bytes: a 1-byte size
}

/** The module: one type (i32) -> i32, one function, 16 pages of memory, exports `mem` and `count`. */
const COUNT_MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]),
  ...section(3, [0x01, 0x00]),
  ...section(5, [0x01, 0x00, 0x10]),
  // exports: "mem" (memory 0), "count" (function 0)
  ...section(7, [
    0x02,
    0x03,
    0x6d,
    0x65,
    0x6d,
    0x02,
    0x00,
    0x05,
    0x63,
    0x6f,
    0x75,
    0x6e,
    0x74,
    0x00,
    0x00,
  ]),
  ...section(10, [0x01, COUNT_BODY.length, ...COUNT_BODY]),
]);

/** Compiled on first use, once per process (a cache: the same bytes always make the same function). */
let compiled: ((chunk: Uint8Array) => number) | null | undefined;

function simdCounter(): ((chunk: Uint8Array) => number) | null {
  if (compiled !== undefined) return compiled;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(COUNT_MODULE));
    const memory = new Uint8Array((instance.exports.mem as WebAssembly.Memory).buffer);
    const count = instance.exports.count as (len: number) => number;
    compiled = (chunk) => {
      memory.set(chunk);
      return count(chunk.length);
    };
  } catch {
    // No WebAssembly SIMD in this runtime: four bytes at a time.
    compiled = null;
  }
  return compiled;
}
