/** The LogSinkFactory port on Deno: each child stream goes to a rotating file, optionally ANSI-stripped. */

import type { LogSink, LogSinkFactory, LogSinkOptions } from "../core/ports.ts";
import { AnsiStripper } from "../log/ansi_stripper.ts";
import { RotatingFile } from "./rotating_file.ts";

/** Options of the file sink factory. */
export interface FileLogSinksOptions {
  /** Told about problems that do not stop the child (a failed write, a special file that cannot rotate). */
  onWarning?: (message: string) => void;
}

/**
 * Builds the factory of file sinks. `open` opens the file synchronously and throws when it cannot;
 * a failed `write` rejects (the engine reports it once per episode and keeps reading), and the
 * next write tries the file again. NONE (path null) gives a sink that discards.
 */
export function fileLogSinks(options: FileLogSinksOptions = {}): LogSinkFactory {
  const warn = options.onWarning ?? (() => {});
  return {
    open(sinkOptions: LogSinkOptions): LogSink {
      if (sinkOptions.path === null) return discardSink();
      const file = RotatingFile.openSync(sinkOptions.path, {
        maxbytes: sinkOptions.maxbytes,
        backups: sinkOptions.backups,
        onWarning: warn,
      });
      return new FileLogSink(file, sinkOptions.stripAnsi ? new AnsiStripper() : null);
    },
  };
}

/** A sink that keeps nothing (`stdout_logfile=NONE`). */
export function discardSink(): LogSink {
  const done = () => Promise.resolve();
  return { path: null, write: done, reopen: done, clear: done, close: done };
}

class FileLogSink implements LogSink {
  readonly path: string;
  readonly #file: RotatingFile;
  readonly #stripper: AnsiStripper | null;

  constructor(file: RotatingFile, stripper: AnsiStripper | null) {
    this.path = file.path;
    this.#file = file;
    this.#stripper = stripper;
  }

  write(chunk: Uint8Array): Promise<void> {
    return this.#append(this.#stripper === null ? chunk : this.#stripper.push(chunk));
  }

  async #append(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0) await this.#file.write(bytes);
  }

  reopen(): Promise<void> {
    return this.#file.reopen();
  }

  clear(): Promise<void> {
    return this.#file.clear();
  }

  async close(): Promise<void> {
    if (this.#stripper !== null) await this.#append(this.#stripper.flush());
    await this.#file.close();
  }
}
