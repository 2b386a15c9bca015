/** Tests readFile/tailFile windows, including a table recorded from supervisor 4.2.5's own functions. */

import assert from "node:assert/strict";
import { readWindow, tailWindow } from "../../src/log/read_window.ts";
import { SvisorError } from "../../src/core/errors.ts";

const ALPHABET = Array.from({ length: 60 }, (_, i) => String.fromCharCode(65 + i)).join("");

Deno.test("tailWindow: the [ran] examples of §5.5 on a 60-byte file", () => {
  const text = (w: { start: number; end: number }) => ALPHABET.slice(w.start, w.end);
  const all = tailWindow(60, 50, 100);
  assert.deepEqual([text(all), all.offset, all.overflow], [ALPHABET, 60, false]);
  const last20 = tailWindow(60, 0, 20);
  assert.deepEqual([text(last20), last20.offset, last20.overflow], [ALPHABET.slice(40), 60, true]);
  const none = tailWindow(60, 60, 100);
  assert.deepEqual([text(none), none.offset, none.overflow], ["", 60, false]);
});

Deno.test("readWindow: negative offset with a length, or a negative length, is BAD_ARGUMENTS", () => {
  for (const [offset, length] of [[-1, 1], [-10, -5], [0, -1], [5, -100]] as const) {
    assert.throws(
      () => readWindow(60, offset, length),
      (e: unknown) => e instanceof SvisorError && e.code === "BAD_ARGUMENTS",
    );
  }
});

Deno.test("readWindow: past the end reads nothing, a large negative offset reads everything", () => {
  assert.deepEqual(readWindow(60, 100, 0), { start: 60, end: 60 });
  assert.deepEqual(readWindow(60, 100, 5), { start: 60, end: 60 });
  assert.deepEqual(readWindow(60, -100, 0), { start: 0, end: 60 });
  assert.deepEqual(readWindow(0, 0, 0), { start: 0, end: 0 });
});

Deno.test("read and tail windows match supervisor 4.2.5's readFile and tailFile (recorded table)", async () => {
  const url = new URL("./read_window_golden.json", import.meta.url);
  const rows = JSON.parse(await Deno.readTextFile(url)) as [
    number,
    number,
    number,
    string,
    number,
    boolean,
    string,
  ][];
  assert.ok(rows.length > 300);
  for (const [size, offset, length, tailText, tailOffset, overflow, readText] of rows) {
    const data = ALPHABET.slice(0, size);
    const t = tailWindow(size, offset, length);
    assert.deepEqual(
      [data.slice(t.start, t.end), t.offset, t.overflow],
      [tailText, tailOffset, overflow],
      `tail(size ${size}, offset ${offset}, length ${length})`,
    );
    let read: string;
    try {
      const r = readWindow(size, offset, length);
      read = data.slice(r.start, r.end);
    } catch (e) {
      assert.ok(e instanceof SvisorError && e.code === "BAD_ARGUMENTS");
      read = "ERR";
    }
    assert.equal(read, readText, `read(size ${size}, offset ${offset}, length ${length})`);
  }
});
