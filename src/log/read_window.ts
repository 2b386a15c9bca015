/** Supervisor's readFile and tailFile offset rules (§5.5) as byte windows over a file of known size. */

import { SvisorError } from "../core/errors.ts";

/** A half-open byte range `[start, end)` of a file. */
export interface ByteWindow {
  /** First byte. */
  start: number;
  /** One past the last byte. */
  end: number;
}

/**
 * readFile's window: a negative offset with length 0 is the last |offset| bytes; offset >= 0 with
 * length 0 reads to EOF; otherwise `length` bytes from offset. A negative offset with a length, or a
 * negative length, is BAD_ARGUMENTS.
 *
 * @example
 * ```ts
 * import { readWindow } from "./read_window.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(readWindow(60, -10, 0), { start: 50, end: 60 });
 * assert.deepEqual(readWindow(60, 10, 0), { start: 10, end: 60 });
 * assert.deepEqual(readWindow(60, 10, 5), { start: 10, end: 15 });
 * assert.throws(() => readWindow(60, -10, 5), { code: "BAD_ARGUMENTS" });
 * ```
 */
export function readWindow(size: number, offset: number, length: number): ByteWindow {
  if (offset < 0) {
    if (length !== 0) throw badArguments(offset, length);
    return { start: Math.max(0, size + offset), end: size };
  }
  if (length < 0) throw badArguments(offset, length);
  const start = Math.min(offset, size);
  return { start, end: length === 0 ? size : Math.min(size, offset + length) };
}

/** tailFile's answer as a window: the bytes to send, the new offset (always the size), overflow. */
export interface TailWindow extends ByteWindow {
  /** The offset to ask with next time: the file size. */
  offset: number;
  /** Whether the file held more than `offset + length` bytes. */
  overflow: boolean;
}

/**
 * tailFile's window: the last `length` bytes (not the bytes after `offset`), and overflow when the
 * file is larger than `offset + length`; an offset at or past the end gives nothing.
 *
 * @example
 * ```ts
 * import { tailWindow } from "./read_window.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(tailWindow(60, 50, 100), { start: 0, end: 60, offset: 60, overflow: false });
 * assert.deepEqual(tailWindow(60, 0, 20), { start: 40, end: 60, offset: 60, overflow: true });
 * assert.deepEqual(tailWindow(60, 60, 100), { start: 60, end: 60, offset: 60, overflow: false });
 * ```
 */
export function tailWindow(size: number, offset: number, length: number): TailWindow {
  let overflow = false;
  if (size > offset + length) {
    overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) length = 0;
    offset = size - length;
  }
  offset = Math.max(0, offset);
  length = Math.max(0, length);
  const start = Math.min(offset, size);
  const end = Math.min(size, start + length);
  return { start, end, offset: size, overflow };
}

function badArguments(offset: number, length: number): SvisorError {
  return new SvisorError(
    "BAD_ARGUMENTS",
    `cannot read offset "${offset}" with length "${length}"`,
  );
}
