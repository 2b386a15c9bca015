/** The LogReader port on Deno: supervisor's readFile and tailFile over a file on disk, UTF-8 decoded. */

import { SvisorError } from "../core/errors.ts";
import type { LogReader } from "../core/ports.ts";
import { readWindow, tailWindow } from "../log/read_window.ts";

/**
 * Builds the reader. `read` throws NO_FILE for a missing file, BAD_ARGUMENTS for bad offsets and
 * FAILED for other I/O errors. `tail` of a missing file gives `{text: "", offset: 0, overflow: false}`
 * (supervisor's tailProcess*Log answer). Bytes that are not valid UTF-8 (a character cut by the
 * window) become U+FFFD instead of failing.
 */
export function fileLogReader(): LogReader {
  return {
    async read(path, offset, length) {
      const file = await openOrNoFile(path);
      try {
        const size = (await file.stat()).size;
        const w = readWindow(size, offset, length);
        return decode(await readRange(file, w.start, w.end));
      } catch (e) {
        throw asFailed(path, e);
      } finally {
        file.close();
      }
    },
    async tail(path, offset, length) {
      let file: Deno.FsFile;
      try {
        file = await Deno.open(path, { read: true });
      } catch {
        return { text: "", offset: 0, overflow: false };
      }
      try {
        const size = (await file.stat()).size;
        const w = tailWindow(size, offset, length);
        const text = decode(await readRange(file, w.start, w.end));
        return { text, offset: w.offset, overflow: w.overflow };
      } catch {
        return { text: "", offset, overflow: false };
      } finally {
        file.close();
      }
    },
  };
}

async function openOrNoFile(path: string): Promise<Deno.FsFile> {
  try {
    return await Deno.open(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new SvisorError("NO_FILE", `${path}: no such file`);
    }
    throw asFailed(path, e);
  }
}

/** Reads bytes `[start, end)`; stops early if the file shrank meanwhile. */
async function readRange(file: Deno.FsFile, start: number, end: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, end - start));
  if (out.length === 0) return out;
  await file.seek(start, Deno.SeekMode.Start);
  let got = 0;
  while (got < out.length) {
    const n = await file.read(out.subarray(got));
    if (n === null) break;
    got += n;
  }
  return out.subarray(0, got);
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

function asFailed(path: string, e: unknown): SvisorError {
  if (e instanceof SvisorError) return e;
  return new SvisorError("FAILED", `${path}: ${e instanceof Error ? e.message : String(e)}`, {
    cause: e,
  });
}
