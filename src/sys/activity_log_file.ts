/** The daemon's activity log (supervisord.log) on Deno: level filter, supervisor's line format, rotation, stdout echo. */

import type { ActivityLog, LogLevel } from "../core/ports.ts";
import { formatActivityLine, levelEnabled } from "../log/activity_line.ts";
import { RotatingFile } from "./rotating_file.ts";

/** Something lines can be written to synchronously (`Deno.stdout`, or a fake in tests). */
export interface SyncWriter {
  /** Writes some of `p`; returns how many bytes were written. */
  writeSync(p: Uint8Array): number;
}

/** Options of the activity log. */
export interface ActivityLogFileOptions {
  /** The file, or null for none (e.g. `logfile=syslog`, handled elsewhere). */
  path: string | null;
  /** The lowest level written (`loglevel`, as `INFO`, `DEBG`, ...). */
  level: LogLevel;
  /** `logfile_maxbytes`: 0 (the default) never rotates. */
  maxbytes?: number;
  /** `logfile_backups`: 0 (the default) truncates instead of keeping `.N` files. */
  backups?: number;
  /** Where lines are echoed too: `Deno.stdout` when in the foreground and not silent; default none. */
  echo?: SyncWriter | null;
  /** Wall clock in epoch milliseconds, for timestamps; default `Date.now`. */
  now?: () => number;
  /** Told (once per failure streak) when the log itself cannot be written; default stderr. */
  onError?: (message: string) => void;
}

/**
 * The activity log. `log` is synchronous: a line is in the file (and echoed) before it returns, so
 * lines are ordered and never torn, and the last lines before a crash are on disk. While `reopen` or
 * `clear` is under way, lines wait in memory and follow in order. `onLine` sees every written line.
 */
export class ActivityLogFile implements ActivityLog, AsyncDisposable {
  /** Called with each written line (newline included), e.g. to feed `/mainlogtail` followers. */
  onLine: ((line: string) => void) | null = null;
  #level: LogLevel;
  readonly #file: RotatingFile | null;
  readonly #echo: SyncWriter | null;
  readonly #now: () => number;
  readonly #onError: (message: string) => void;
  readonly #encoder = new TextEncoder();
  #pending: Uint8Array[] = [];
  #holds = 0;
  #lastHold: Promise<void> = Promise.resolve();
  #failing = false;
  #closed = false;

  private constructor(file: RotatingFile | null, options: ActivityLogFileOptions) {
    this.#file = file;
    this.#level = options.level;
    this.#echo = options.echo ?? null;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? ((m) => console.error(m));
  }

  /** Opens (creating) the log file for appending; rejects when it cannot be opened. */
  static async open(options: ActivityLogFileOptions): Promise<ActivityLogFile> {
    const file = options.path === null ? null : await RotatingFile.open(options.path, {
      maxbytes: options.maxbytes ?? 0,
      backups: options.backups ?? 0,
      onWarning: options.onError ?? ((m) => console.error(m)),
    });
    return new ActivityLogFile(file, options);
  }

  /** The log file's path, or null. */
  get path(): string | null {
    return this.#file?.path ?? null;
  }

  /** The lowest level written. */
  get level(): LogLevel {
    return this.#level;
  }

  /** Changes the lowest level written (a reload may change `loglevel`). */
  set level(level: LogLevel) {
    this.#level = level;
  }

  /** Whether a message at `level` would be written. */
  enabled(level: LogLevel): boolean {
    return levelEnabled(level, this.#level);
  }

  /** Writes one line `YYYY-MM-DD HH:MM:SS,mmm LEVL message`; dropped below the level or once closed. */
  log(level: LogLevel, message: string): void {
    if (this.#closed || !this.enabled(level)) return;
    const line = formatActivityLine(this.#now(), level, message);
    const bytes = this.#encoder.encode(line);
    if (this.#echo !== null) this.#guard("stdout", () => writeAllSync(this.#echo!, bytes));
    if (this.#file !== null) {
      if (this.#holds > 0) this.#pending.push(bytes);
      else this.#guard(this.#file.path, () => this.#file!.writeSync(bytes));
    }
    this.onLine?.(line);
  }

  /** Closes and reopens the file (SIGUSR2); lines logged meanwhile follow afterwards. */
  reopen(): Promise<void> {
    return this.#hold((file) => file.reopen());
  }

  /** Deletes the file and starts it empty (clearLog). */
  clear(): Promise<void> {
    return this.#hold((file) => file.clear());
  }

  /** Closes the file; later lines are dropped. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#holds > 0) await this.#lastHold;
    await this.#file?.close();
  }

  /** Closes the file (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #hold(op: (file: RotatingFile) => Promise<void>): Promise<void> {
    const file = this.#file;
    if (file === null || this.#closed) return Promise.resolve();
    const run = this.#held(file, op);
    // The chain only orders the next operation; this one's own caller sees its failure.
    this.#lastHold = run.catch(() => {});
    return run;
  }

  async #held(file: RotatingFile, op: (file: RotatingFile) => Promise<void>): Promise<void> {
    this.#holds++;
    try {
      await op(file);
    } finally {
      if (--this.#holds === 0) {
        // Lines queued during the operations go out in order, once none is under way.
        const pending = this.#pending;
        this.#pending = [];
        for (const bytes of pending) this.#guard(file.path, () => file.writeSync(bytes));
      }
    }
  }

  #guard(target: string, write: () => void): void {
    try {
      write();
      this.#failing = false;
    } catch (e) {
      if (this.#failing) return;
      this.#failing = true;
      this.#onError(
        `${target}: cannot write the activity log: ${e instanceof Error ? e.message : e}`,
      );
    }
  }
}

function writeAllSync(w: SyncWriter, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += w.writeSync(bytes.subarray(done));
}
