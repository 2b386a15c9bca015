/** Tests the newline counter of log streams against a byte-by-byte count. */

import assert from "node:assert/strict";
import fc from "fast-check";
import { countByWords, countNewlines, newlineCounterKind } from "../../src/log/newline_count.ts";

function naive(chunk: Uint8Array): number {
  let n = 0;
  for (const b of chunk) if (b === 10) n++;
  return n;
}

Deno.test("countNewlines counts every newline, at any offset and length", () => {
  fc.assert(
    fc.property(
      // Bytes drawn mostly from around '\n' so words hold 0 to 4 newlines and near-misses (9, 11, 138).
      fc.array(fc.constantFrom(10, 10, 9, 11, 0, 138, 255, 0x8a, 65), { maxLength: 300 }),
      fc.nat(7),
      (bytes, offset) => {
        const backing = new Uint8Array(offset + bytes.length);
        backing.set(bytes, offset);
        const chunk = backing.subarray(offset);
        assert.equal(countNewlines(chunk), naive(chunk));
        assert.equal(countByWords(chunk), naive(chunk));
      },
    ),
  );
});

Deno.test("countNewlines on a 64 KiB chunk of 100-byte lines", () => {
  const chunk = new Uint8Array(65536).map((_, i) => i % 100 === 99 ? 10 : 120);
  assert.equal(countNewlines(chunk), 655);
  assert.equal(countNewlines(new Uint8Array(0)), 0);
  assert.equal(countNewlines(new Uint8Array([10, 10, 10, 10])), 4);
  // Past the WebAssembly memory (1 MiB), the JavaScript count takes over.
  const huge = new Uint8Array(3 * 1024 * 1024 + 5).fill(10, 1024 * 1024 - 2);
  assert.equal(countNewlines(huge), naive(huge));
  assert.equal(countNewlines(huge.subarray(0, 1024 * 1024)), 2);
});

Deno.test("Deno runs the WebAssembly counter (the fallback is only for runtimes without SIMD)", () => {
  assert.equal(newlineCounterKind(), "simd");
});
