/** An in-memory LogSinkFactory and LogReader for tests: files live in a map, rotation follows the real plan. */

import { SvisorError } from "../../src/core/errors.ts";
import type { LogReader, LogSink, LogSinkFactory, LogSinkOptions } from "../../src/core/ports.ts";
import { AnsiStripper } from "../../src/log/ansi_stripper.ts";
import { readWindow, tailWindow } from "../../src/log/read_window.ts";
import { rotationDue, rotationPlan } from "../../src/log/rotation_plan.ts";

/** Sinks and reader over one in-memory set of files; `text(path)` shows what a file holds. */
export class MemoryLogSinks implements LogSinkFactory, LogReader {
  readonly #files = new Map<string, Uint8Array[]>();
  /** Paths that cannot be opened or written now (their directory is "gone"): ENOENT. */
  readonly unwritable = new Set<string>();

  /** Opens a sink; a NONE sink (path null) discards; an unwritable path throws ENOENT. */
  open(options: LogSinkOptions): LogSink {
    if (options.path !== null) {
      this.check(options.path);
      if (!this.#files.has(options.path)) this.#files.set(options.path, []);
    }
    return new MemorySink(this, options);
  }

  /** Throws ENOENT, as the system does, for an unwritable path. */
  check(path: string): void {
    if (this.unwritable.has(path)) {
      throw Object.assign(new Error(`No such file or directory (os error 2): ${path}`), {
        code: "ENOENT",
      });
    }
  }

  /** readFile over the in-memory file. */
  read(path: string, offset: number, length: number): Promise<string> {
    const bytes = this.bytes(path);
    if (bytes === null) {
      return Promise.reject(new SvisorError("NO_FILE", `${path}: no such file`));
    }
    try {
      const w = readWindow(bytes.length, offset, length);
      return Promise.resolve(decode(bytes.subarray(w.start, w.end)));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** tailFile over the in-memory file; a missing file gives `{text: "", offset: 0, overflow: false}`. */
  tail(
    path: string,
    offset: number,
    length: number,
  ): Promise<{ text: string; offset: number; overflow: boolean }> {
    const bytes = this.bytes(path);
    if (bytes === null) return Promise.resolve({ text: "", offset: 0, overflow: false });
    const w = tailWindow(bytes.length, offset, length);
    const text = decode(bytes.subarray(w.start, w.end));
    return Promise.resolve({ text, offset: w.offset, overflow: w.overflow });
  }

  /** A file's bytes, or null when it does not exist. */
  bytes(path: string): Uint8Array | null {
    const chunks = this.#files.get(path);
    if (chunks === undefined) return null;
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.#files.set(path, [out]);
    return out;
  }

  /** A file's text, or null when it does not exist. */
  text(path: string): string | null {
    const bytes = this.bytes(path);
    return bytes === null ? null : decode(bytes);
  }

  /** The paths that exist, sorted. */
  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** Appends to a file (creating it); returns its new size. */
  append(path: string, bytes: Uint8Array): number {
    const chunks = this.#files.get(path) ?? [];
    chunks.push(bytes.slice());
    this.#files.set(path, chunks);
    return chunks.reduce((n, c) => n + c.length, 0);
  }

  /** Applies supervisor's rotation to a file. */
  rotate(path: string, backups: number): void {
    for (const step of rotationPlan(path, backups)) {
      if (step.kind === "truncate") this.#files.set(step.path, []);
      else {
        const from = this.#files.get(step.from);
        if (from === undefined) continue;
        this.#files.set(step.to, from);
        this.#files.delete(step.from);
      }
    }
  }

  /** Deletes a file and recreates it empty. */
  clear(path: string): void {
    this.#files.set(path, []);
  }
}

class MemorySink implements LogSink {
  readonly path: string | null;
  readonly #store: MemoryLogSinks;
  readonly #options: LogSinkOptions;
  readonly #stripper: AnsiStripper | null;
  #size: number;
  #closed = false;

  constructor(store: MemoryLogSinks, options: LogSinkOptions) {
    this.path = options.path;
    this.#store = store;
    this.#options = options;
    this.#stripper = options.stripAnsi ? new AnsiStripper() : null;
    this.#size = options.path === null ? 0 : store.bytes(options.path)?.length ?? 0;
  }

  write(chunk: Uint8Array): Promise<void> {
    return this.#append(this.#stripper === null ? chunk : this.#stripper.push(chunk));
  }

  #append(bytes: Uint8Array): Promise<void> {
    if (this.#closed || this.path === null || bytes.length === 0) return Promise.resolve();
    try {
      this.#store.check(this.path);
    } catch (e) {
      return Promise.reject(e);
    }
    this.#size = this.#store.append(this.path, bytes);
    if (rotationDue(this.#size, this.#options.maxbytes)) {
      this.#store.rotate(this.path, this.#options.backups);
      this.#size = 0;
    }
    return Promise.resolve();
  }

  reopen(): Promise<void> {
    if (this.path !== null && !this.#closed) {
      this.#size = this.#store.bytes(this.path)?.length ??
        this.#store.append(this.path, new Uint8Array());
    }
    return Promise.resolve();
  }

  clear(): Promise<void> {
    if (this.path !== null && !this.#closed) {
      this.#store.clear(this.path);
      this.#size = 0;
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.#stripper !== null) await this.#append(this.#stripper.flush());
    this.#closed = true;
  }
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}
