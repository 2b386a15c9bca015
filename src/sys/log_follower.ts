/** Follows a log file like supervisor's /logtail (`tail -f`): the last bytes, then new data, across truncation and rotation. */

import { SvisorError } from "../core/errors.ts";

/** Options of a follower. */
export interface LogFollowerOptions {
  /** Bytes of existing content to send first; default 1024 (supervisor's /logtail). */
  head?: number;
  /** Stops the follower (the iteration ends) when aborted. */
  signal?: AbortSignal;
  /** Watch the directory for changes (inotify); default true. Without it, or when it fails, poll. */
  watch?: boolean;
  /** How often to look without a change event: default 2000 ms when watching, 250 ms when polling. */
  pollMs?: number;
}

/** What a follower sends when the file shrank (supervisor's marker). */
export const TRUNCATED_MARKER = "==> File truncated <==\n";

const CHUNK = 64 * 1024;

/**
 * An async iterable of byte chunks from a growing file. When the file shrinks it sends
 * `TRUNCATED_MARKER` and starts again from the beginning; when the path names another file (rotation,
 * clearLog) it finishes the old file, then sends the new one from its start, as supervisor does. The
 * iteration ends on `close()`, on abort, or when a consumer stops early; all resources are freed.
 * One consumer at a time.
 */
export class LogFollower implements AsyncIterable<Uint8Array>, AsyncDisposable {
  /** The followed path. */
  readonly path: string;
  #file: Deno.FsFile;
  #ino: number | null;
  #pos: number;
  #closed = false;
  #wake: (() => void) | null = null;
  #dirty = false;
  #watcher: Deno.FsWatcher | null = null;
  #watching: Promise<void> = Promise.resolve();
  readonly #pollMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => void this.close();

  private constructor(
    path: string,
    file: Deno.FsFile,
    info: Deno.FileInfo,
    options: LogFollowerOptions,
  ) {
    this.path = path;
    this.#file = file;
    this.#ino = info.ino;
    this.#pos = Math.max(0, info.size - Math.max(0, options.head ?? 1024));
    this.#signal = options.signal;
    const watch = options.watch ?? true;
    if (watch) this.#startWatch();
    this.#pollMs = options.pollMs ?? (this.#watcher !== null ? 2000 : 250);
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
    if (this.#signal?.aborted) void this.close();
  }

  /** Whether change events come from a directory watch (else only polling). */
  get watching(): boolean {
    return this.#watcher !== null;
  }

  /** Starts following `path`; throws SvisorError NO_FILE when it does not exist. */
  static async open(path: string, options: LogFollowerOptions = {}): Promise<LogFollower> {
    const file = await openOrNoFile(path);
    try {
      return new LogFollower(path, file, await file.stat(), options);
    } catch (e) {
      file.close();
      throw e;
    }
  }

  /** The next chunk, waiting for one; done once closed. */
  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    while (!this.#closed) {
      let chunk: Uint8Array | null;
      try {
        chunk = await this.#poll();
      } catch (e) {
        if (this.#closed) break; // close() released the file under a pending read.
        throw e;
      }
      if (chunk !== null) return { value: chunk, done: false };
      if (!this.#closed) await this.#changed();
    }
    return { value: undefined, done: true };
  }

  /** Stops early (a consumer's `break`): frees everything. */
  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    await this.close();
    return { value: undefined, done: true };
  }

  /** Iterates this follower. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array, undefined> {
    return this;
  }

  /** Stops following and frees the file, the watcher and the timer; a pending `next` ends. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#wake?.();
    this.#file.close();
    try {
      this.#watcher?.close();
    } catch {
      // Already closed.
    }
    await this.#watching;
  }

  /** Closes (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Data, the marker, or null when there is nothing new. */
  async #poll(): Promise<Uint8Array | null> {
    this.#dirty = false;
    const named = await statOrNull(this.path);
    const size = (await this.#file.stat()).size;
    if (this.#closed) return null;
    if (size < this.#pos) {
      this.#pos = 0;
      return new TextEncoder().encode(TRUNCATED_MARKER);
    }
    if (size > this.#pos) return await this.#read(size);
    if (named !== null && named.ino !== this.#ino) {
      // Rotated or recreated: the old file is finished; the new one is sent from its start.
      const file = await Deno.open(this.path, { read: true }).catch(() => null);
      if (file === null) return null;
      if (this.#closed) {
        file.close();
        return null;
      }
      this.#file.close();
      this.#file = file;
      this.#ino = (await file.stat()).ino;
      this.#pos = 0;
      return await this.#poll();
    }
    return null;
  }

  async #read(size: number): Promise<Uint8Array> {
    const buf = new Uint8Array(Math.min(CHUNK, size - this.#pos));
    await this.#file.seek(this.#pos, Deno.SeekMode.Start);
    let got = 0;
    while (got < buf.length) {
      const n = await this.#file.read(buf.subarray(got));
      if (n === null) break;
      got += n;
    }
    this.#pos += got;
    return buf.subarray(0, got);
  }

  /** Waits for a change event (or one seen since the last look), the poll interval, or close. */
  #changed(): Promise<void> {
    if (this.#dirty) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), this.#pollMs);
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      this.#wake = done;
    });
  }

  #startWatch(): void {
    const slash = this.path.lastIndexOf("/");
    const dir = slash > 0 ? this.path.slice(0, slash) : slash === 0 ? "/" : ".";
    const name = this.path.slice(slash + 1);
    try {
      this.#watcher = Deno.watchFs(dir, { recursive: false });
    } catch {
      return; // No inotify (limits, file system): poll instead.
    }
    const watcher = this.#watcher;
    this.#watching = (async () => {
      try {
        for await (const event of watcher) {
          if (event.paths.some((p) => p.endsWith(`/${name}`) || p === name)) {
            this.#dirty = true;
            this.#wake?.();
          }
        }
      } catch {
        // The watcher failed or was closed: polling goes on.
      }
    })();
  }
}

async function openOrNoFile(path: string): Promise<Deno.FsFile> {
  try {
    return await Deno.open(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new SvisorError("NO_FILE", `${path}: no such file`);
    }
    throw e;
  }
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch {
    return null;
  }
}
