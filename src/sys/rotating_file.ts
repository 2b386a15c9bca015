/** A log file on Deno that rotates like supervisor's RotatingFileHandler, reopens for logrotate, and tolerates special files. */

import { backupPath, rotationCut, rotationDue, rotationPlan } from "../log/rotation_plan.ts";

/** Options of a rotating file. */
export interface RotatingFileOptions {
  /** Rotate after a write leaves the file at or over this size; 0 (the default) never rotates. */
  maxbytes?: number;
  /** Rotated files to keep (`path.1` ... `path.N`); 0 (the default) truncates instead. */
  backups?: number;
  /** Told about problems that lose no data (a special file that cannot rotate, a failed rename). */
  onWarning?: (message: string) => void;
}

/**
 * An append-only file that rotates after a write leaves it at or over `maxbytes`, in supervisor's
 * order (`.N-1` -> `.N` ... base -> `.1`, base reopened empty). Its size is counted, not stat'ed per
 * write. Operations run one at a time in call order, so a reopen never cuts a write in two. A target
 * that is not a regular file (`/dev/stdout`, a FIFO) is written without seeking and never rotated.
 */
export class RotatingFile implements AsyncDisposable {
  /** The file's path. */
  readonly path: string;
  readonly #maxbytes: number;
  readonly #backups: number;
  readonly #warn: (message: string) => void;
  #file: Deno.FsFile | null = null;
  #size = 0;
  #rotations = 0;
  #regular = true;
  #closed = false;
  #tail: Promise<void> = Promise.resolve();
  #inFlight = 0;
  #warnedSpecial = false;
  /**
   * The highest backup that can exist, known after this object's first rotation (null until then,
   * and again after a reopen or clear, when something else may have renamed the files).
   */
  #present: number | null = null;

  private constructor(path: string, options: RotatingFileOptions) {
    this.path = path;
    this.#maxbytes = Math.max(0, options.maxbytes ?? 0);
    this.#backups = Math.max(0, options.backups ?? 0);
    this.#warn = options.onWarning ?? (() => {});
  }

  /** Opens (creating, mode 0666 under the umask) a file for appending. */
  static async open(path: string, options: RotatingFileOptions = {}): Promise<RotatingFile> {
    const file = new RotatingFile(path, options);
    await file.#openAppend();
    return file;
  }

  /** Opens (creating, mode 0666 under the umask) a file for appending, synchronously. */
  static openSync(path: string, options: RotatingFileOptions = {}): RotatingFile {
    const file = new RotatingFile(path, options);
    file.#openAppendSync();
    return file;
  }

  /** The bytes in the current file, as counted (0 for a special file). */
  get size(): number {
    return this.#size;
  }

  /** How many times the file has rotated since it was opened. */
  get rotations(): number {
    return this.#rotations;
  }

  /** Whether `writeNow` would write (a regular file, open, nothing pending). */
  get writableNow(): boolean {
    return this.#inFlight === 0 && !this.#closed && this.#file !== null && this.#regular;
  }

  /** Whether the target is a regular file (so it can rotate). */
  get regular(): boolean {
    return this.#regular;
  }

  /**
   * Appends all of `chunk`, rotating where due at a line end (see rotationCut); dropped once
   * closed.
   */
  write(chunk: Uint8Array): Promise<void> {
    return this.#serial(async () => {
      let rest = chunk;
      while (rest.length > 0) {
        const file = await this.#current();
        if (file === null) return;
        if (this.#regular) {
          rest = this.#appendRegular(file, rest);
          continue;
        }
        // A pipe or terminal may block: never on the daemon's thread. It never rotates.
        for (let done = 0; done < rest.length;) done += await file.write(rest.subarray(done));
        return;
      }
    });
  }

  /**
   * Appends all of `chunk` at once, rotating as `write` does, when that cannot block or reorder: a
   * regular file that is open, with no operation pending. False (nothing done) otherwise.
   */
  writeNow(chunk: Uint8Array): boolean {
    if (!this.writableNow) return false;
    for (let rest = chunk; rest.length > 0;) {
      const file = this.#file;
      // A rotation whose reopen failed leaves no file: the rest is written when it reopens.
      if (file === null) throw new Error(`${this.path}: not open after rotation`);
      rest = this.#appendRegular(file, rest);
    }
    return true;
  }

  /**
   * Writes to the regular file what of `rest` belongs in it (up to the rotation cut), rotates if
   * that reached the limit, and returns what is left for the next file. A regular file takes the
   * bytes into the page cache at once: a synchronous write skips the thread hop of an async one
   * (200 MB through 64 KiB chunks: 0.30 s -> 0.17 s).
   */
  #appendRegular(file: Deno.FsFile, rest: Uint8Array): Uint8Array {
    const cut = rotationCut(rest, this.#size, this.#maxbytes);
    for (let done = 0; done < cut;) done += file.writeSync(rest.subarray(done, cut));
    if (cut < rest.length) {
      this.#size += cut;
      this.#rotate();
    } else {
      this.#wrote(cut);
    }
    return rest.subarray(cut);
  }

  /**
   * Appends all of `chunk` synchronously, then rotates if due (for the activity log, whose lines must
   * reach the file before the call returns). Must not be called while an async operation is pending.
   */
  writeSync(chunk: Uint8Array): void {
    if (this.#inFlight > 0) throw new Error(`${this.path}: writeSync during a pending operation`);
    if (this.#closed) return;
    if (this.#file === null) this.#openAppendSync();
    const file = this.#file!;
    for (let done = 0; done < chunk.length;) done += file.writeSync(chunk.subarray(done));
    this.#wrote(chunk.length);
  }

  /** Closes and opens the path again (SIGUSR2, logrotate); the size comes from the new file. */
  reopen(): Promise<void> {
    return this.#serial(async () => {
      if (this.#closed) return;
      this.#closeFile();
      this.#present = null;
      await this.#openAppend();
    });
  }

  /** Deletes the file and opens it again, empty (clearLog, clearProcessLogs). */
  clear(): Promise<void> {
    return this.#serial(async () => {
      if (this.#closed) return;
      this.#closeFile();
      this.#present = null;
      await removeIfPresent(this.path);
      await this.#openAppend();
    });
  }

  /** Closes the file after pending operations; later writes are dropped. */
  close(): Promise<void> {
    return this.#serial(() => {
      this.#closed = true;
      this.#closeFile();
      return Promise.resolve();
    });
  }

  /** Closes the file (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #serial(op: () => Promise<void>): Promise<void> {
    this.#inFlight++;
    const run = this.#tail.then(op).finally(() => this.#inFlight--);
    // The chain only orders the next operation; this one's own caller sees its failure.
    this.#tail = run.catch(() => {});
    return run;
  }

  /** The open file, reopened first if an earlier reopen failed; null once closed. */
  async #current(): Promise<Deno.FsFile | null> {
    if (this.#closed) return null;
    if (this.#file === null) await this.#openAppend();
    return this.#file;
  }

  async #openAppend(): Promise<void> {
    const file = await Deno.open(this.path, APPEND);
    this.#adopt(file, await statOrClose(file));
  }

  #openAppendSync(): void {
    const file = Deno.openSync(this.path, APPEND);
    let info: Deno.FileInfo;
    try {
      info = file.statSync();
    } catch (e) {
      file.close();
      throw e;
    }
    this.#adopt(file, info);
  }

  #adopt(file: Deno.FsFile, info: Deno.FileInfo): void {
    this.#file = file;
    this.#regular = info.isFile;
    this.#size = info.isFile ? info.size : 0;
    if (!this.#regular && this.#maxbytes > 0 && !this.#warnedSpecial) {
      this.#warnedSpecial = true;
      this.#warn(
        `${this.path}: not a regular file, so it is never rotated (maxbytes "${this.#maxbytes}" ignored)`,
      );
    }
  }

  #wrote(n: number): void {
    if (!this.#regular) return;
    this.#size += n;
    if (rotationDue(this.#size, this.#maxbytes)) this.#rotate();
  }

  /**
   * Runs the rotation plan synchronously (renames are metadata only; the target is a regular file).
   * After the first rotation only the backups that can exist are renamed: a rename of a missing
   * file fails with a costly error (45 backups rotated 40 times made 1,800 of them, about 0.1 s).
   * One probe of the next name first catches files that something else numbered on.
   */
  #rotate(): void {
    this.#rotations++;
    this.#closeFile();
    const known = this.#present;
    const present = known !== null && !exists(backupPath(this.path, known + 1))
      ? known
      : this.#backups;
    let reached = 0;
    for (const step of rotationPlan(this.path, this.#backups, present)) {
      if (step.kind === "truncate") {
        this.#openAppendSync();
        // Only a file the renames left in place needs emptying. On ext4 a truncate marks the
        // file to be flushed to disk when it is closed (auto_da_alloc): truncating the new empty
        // file made every rotation wait about 1 ms for 5 MB to reach the disk.
        if (this.#size > 0) this.#file?.truncateSync(0);
        this.#size = 0;
        continue;
      }
      try {
        Deno.renameSync(step.from, step.to);
        // Renames run from the highest backup down: the first that worked reached the highest.
        if (reached === 0) reached = Number(step.to.slice(this.path.length + 1));
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) {
          this.#warn(`${this.path}: rotation: cannot rename "${step.from}": ${errorText(e)}`);
        }
      }
    }
    this.#present = Math.min(this.#backups, reached);
  }

  #closeFile(): void {
    const file = this.#file;
    this.#file = null;
    if (file === null) return;
    try {
      file.close();
    } catch {
      // Already closed: nothing to release.
    }
  }
}

const APPEND: Deno.OpenOptions = { write: true, create: true, append: true };

async function statOrClose(file: Deno.FsFile): Promise<Deno.FileInfo> {
  try {
    return await file.stat();
  } catch (e) {
    file.close();
    throw e;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** Whether `path` names anything (a broken link counts). */
function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    // Missing, or not reachable: either way a rename of it would fail.
    return false;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
