import assert from "node:assert/strict";
import { chunkSource, MAX_READ, MIN_READ, nextReadSize } from "../../src/engine/chunk_reader.ts";

Deno.test("read sizes grow on full reads, shrink on sparse ones, within bounds", () => {
  assert.equal(nextReadSize(MIN_READ, MIN_READ), 2 * MIN_READ);
  assert.equal(nextReadSize(MAX_READ, MAX_READ), MAX_READ);
  assert.equal(nextReadSize(8192, 100), 4096);
  assert.equal(nextReadSize(MIN_READ, 1), MIN_READ);
  assert.equal(nextReadSize(8192, 4000), 8192);
});

Deno.test("a child's pipe is read completely through growing buffers", async () => {
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", "head -c 300000 /dev/zero | tr '\\0' x"],
    stdout: "piped",
  }).spawn();
  const source = chunkSource(child.stdout);
  const sizes: number[] = [];
  let total = 0;
  for (let c = await source.read(); c !== null; c = await source.read()) {
    total += c.length;
    sizes.push(c.length);
    assert.ok(c.every((b) => b === 0x78));
  }
  source.release();
  await child.status;
  assert.equal(total, 300000);
  assert.ok(Math.max(...sizes) > MIN_READ, `reads stayed small: ${sizes.join(",")}`);
  assert.ok(Math.max(...sizes) <= MAX_READ);
});

Deno.test("a stream that is not a byte stream is read chunk by chunk", async () => {
  const stream = ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])]);
  const source = chunkSource(stream);
  assert.deepEqual(await source.read(), new Uint8Array([1, 2]));
  assert.deepEqual(await source.read(), new Uint8Array([3]));
  assert.equal(await source.read(), null);
  source.release();
});

/** The sizes of all reads of 300,000 queued bytes, after widening the source to `widen`. */
async function readSizes(widen: number | null): Promise<number[]> {
  const stream = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array(300000));
      c.close();
    },
  });
  const source = chunkSource(stream);
  if (widen !== null) source.widen(widen);
  const sizes: number[] = [];
  for (let c = await source.read(); c !== null; c = await source.read()) sizes.push(c.length);
  source.release();
  return sizes;
}

Deno.test("a widened source reads past 64 KiB; an unwidened one never does", async () => {
  const plain = await readSizes(null);
  const wide = await readSizes(1 << 20);
  assert.equal(plain.reduce((a, b) => a + b, 0), 300000);
  assert.equal(wide.reduce((a, b) => a + b, 0), 300000);
  assert.equal(Math.max(...plain), MAX_READ);
  assert.ok(Math.max(...wide) > MAX_READ, `reads: ${wide.join(",")}`);
  assert.ok(wide.length < plain.length);
});
