/**
 * The LogSinkFactory port on Deno: each child stream goes to a rotating file, optionally
 * ANSI-stripped, and with `*_syslog` to syslog too.
 */

import type { LogSink, LogSinkFactory, LogSinkOptions, SinkCounters } from "../core/ports.ts";
import { AnsiStripper } from "../log/ansi_stripper.ts";
import { syslogLines } from "../log/syslog_record.ts";
import { RotatingFile } from "./rotating_file.ts";

/** Options of the file sink factory. */
export interface FileLogSinksOptions {
  /** Told about problems that do not stop the child (a failed write, a special file that cannot rotate). */
  onWarning?: (message: string) => void;
  /** Sends one syslog record, for streams with a syslogTag; default none (no syslog). */
  syslog?: (record: string) => void;
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
      const tag = sinkOptions.syslogTag;
      const toSyslog = tag === undefined || options.syslog === undefined
        ? null
        : syslogTee(tag, options.syslog);
      if (sinkOptions.path === null) {
        return toSyslog === null ? discardSink() : syslogOnlySink(sinkOptions, toSyslog);
      }
      const file = RotatingFile.openSync(sinkOptions.path, {
        maxbytes: sinkOptions.maxbytes,
        backups: sinkOptions.backups,
        onWarning: warn,
      });
      const stripper = sinkOptions.stripAnsi ? new AnsiStripper() : null;
      return new FileLogSink(file, stripper, toSyslog);
    },
  };
}

/** A sink that keeps nothing (`stdout_logfile=NONE`). */
export function discardSink(): LogSink {
  const done = () => Promise.resolve();
  return { path: null, write: done, reopen: done, clear: done, close: done };
}

/**
 * supervisor's `<name> <line>` syslog records of a chunk of output, one per line of the chunk as
 * read (a partial line is a record of its own, as supervisord sends it).
 */
function syslogTee(tag: string, send: (record: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  return (bytes) => {
    if (bytes.length === 0) return;
    for (const line of syslogLines(decoder.decode(bytes))) send(`${tag} ${line}`);
  };
}

/** `stdout_logfile=NONE` with `stdout_syslog=true`: syslog only. */
function syslogOnlySink(options: LogSinkOptions, tee: (bytes: Uint8Array) => void): LogSink {
  const stripper = options.stripAnsi ? new AnsiStripper() : null;
  const done = () => Promise.resolve();
  return {
    path: null,
    write: (chunk) => {
      tee(stripper === null ? chunk : stripper.push(chunk));
      return done();
    },
    writeNow: (chunk) => {
      tee(stripper === null ? chunk : stripper.push(chunk));
      return true;
    },
    reopen: done,
    clear: done,
    close: () => {
      if (stripper !== null) tee(stripper.flush());
      return done();
    },
  };
}

class FileLogSink implements LogSink {
  readonly path: string;
  readonly #file: RotatingFile;
  readonly #stripper: AnsiStripper | null;
  readonly #syslog: ((bytes: Uint8Array) => void) | null;

  constructor(
    file: RotatingFile,
    stripper: AnsiStripper | null,
    syslog: ((bytes: Uint8Array) => void) | null,
  ) {
    this.path = file.path;
    this.#file = file;
    this.#stripper = stripper;
    this.#syslog = syslog;
  }

  write(chunk: Uint8Array): Promise<void> {
    return this.#append(this.#stripper === null ? chunk : this.#stripper.push(chunk));
  }

  writeNow(chunk: Uint8Array): boolean {
    if (!this.#file.writableNow) return false;
    const bytes = this.#stripper === null ? chunk : this.#stripper.push(chunk);
    if (bytes.length === 0) return true;
    this.#syslog?.(bytes);
    return this.#file.writeNow(bytes);
  }

  async #append(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.#syslog?.(bytes);
    await this.#file.write(bytes);
  }

  reopen(): Promise<void> {
    return this.#file.reopen();
  }

  counters(): SinkCounters {
    return { rotations: this.#file.rotations };
  }

  clear(): Promise<void> {
    return this.#file.clear();
  }

  async close(): Promise<void> {
    if (this.#stripper !== null) await this.#append(this.#stripper.flush());
    await this.#file.close();
  }
}
