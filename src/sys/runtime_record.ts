/**
 * The runtime record: a small file of JSON lines next to the pidfile (`PIDFILE.children`) listing the
 * children the daemon has running (pid, start time from /proc, program). A daemon that was killed
 * (kill -9, the OOM killer) cannot stop its children; the next one reads the record and finds the
 * survivors. A pid counts as a survivor only while its start time matches, so a reused pid is
 * never touched.
 */

import type { ChildLabel, ChildPids } from "./child_pids.ts";
import { readProcStat } from "./proc_table.ts";

/** One recorded child. */
export interface RecordedChild {
  /** Its pid. */
  pid: number;
  /** Its start time in clock ticks since boot (/proc/PID/stat field 22). */
  starttime: number;
  /** Its group. */
  group: string;
  /** Its process name. */
  name: string;
}

/** The file's content. */
export interface RuntimeRecordData {
  /** The daemon that wrote it. */
  daemon: { pid: number; starttime: number };
  /** Its children when it last wrote. */
  children: RecordedChild[];
}

/** The record's path for a pidfile. */
export function recordPath(pidfile: string): string {
  return `${pidfile}.children`;
}

/**
 * Reads a record; null when there is none or it cannot be parsed (it is then ignored). The file is
 * a snapshot (one JSON line) followed by a line per child spawned since; a torn last line (the
 * daemon killed in the middle of an append) is skipped.
 */
export function readRecord(path: string): RuntimeRecordData | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    // no record: the previous daemon exited cleanly, or there was none
    return null;
  }
  const [head = "", ...added] = text.split("\n");
  let data: RuntimeRecordData;
  try {
    data = JSON.parse(head) as RuntimeRecordData;
    if (!Array.isArray(data.children) || typeof data.daemon?.pid !== "number") return null;
  } catch {
    // a torn or foreign file: nothing in it can be trusted to name a process
    return null;
  }
  for (const line of added) {
    const child = parseChild(line);
    if (child !== null) data.children.push(child);
  }
  return data;
}

function parseChild(line: string): RecordedChild | null {
  if (line === "") return null;
  try {
    const c = JSON.parse(line) as RecordedChild;
    return typeof c.pid === "number" && typeof c.starttime === "number" ? c : null;
  } catch {
    // torn by a kill in the middle of the append: the child is in the next snapshot or gone
    return null;
  }
}

/** Keeps the record of one daemon up to date with its children until disposed (which removes it). */
export class RuntimeRecord implements Disposable {
  readonly #path: string;
  readonly #children: ChildPids;
  readonly #daemon: { pid: number; starttime: number };
  readonly #starts = new Map<number, RecordedChild>();
  readonly #unwatch: () => void;
  readonly #onError: (message: string) => void;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The delay the pending timer was set with. */
  #timerDelay = 0;
  #failed = false;
  /** The file holds a snapshot this record wrote. */
  #exists = false;
  /** Children in the last snapshot, and lines appended after it. */
  #snapshot = 0;
  #appended = 0;

  /** Follows `children`; writes at most once per turn of the event loop. */
  constructor(path: string, children: ChildPids, pid: number, onError: (m: string) => void) {
    this.#path = path;
    this.#children = children;
    this.#daemon = { pid, starttime: readProcStat(pid)?.starttime ?? 0 };
    this.#onError = onError;
    this.#unwatch = children.watch((change) => this.#schedule(change));
  }

  /**
   * Brings the file up to date now: children spawned since the last write are appended (a line
   * each); a child gone since, or an append log grown past the snapshot, rewrites the whole file
   * (a temporary file renamed over it). A launch of 1,000 programs rewrote the record after each
   * Pacer batch, about 300 renames of up to 1,000 children.
   */
  write(): void {
    const live = new Map<number, ChildLabel | null>(this.#children.entries());
    let gone = false;
    for (const pid of [...this.#starts.keys()]) {
      if (!live.has(pid)) {
        this.#starts.delete(pid);
        gone = true;
      }
    }
    const added: RecordedChild[] = [];
    for (const [pid, label] of live) {
      if (label === null || this.#starts.has(pid)) continue;
      const stat = readProcStat(pid);
      if (stat === null) continue;
      const child = { pid, starttime: stat.starttime, ...label };
      this.#starts.set(pid, child);
      added.push(child);
    }
    const rewrite = gone || this.#failed || !this.#exists ||
      this.#appended + added.length > Math.max(MIN_APPENDS, this.#snapshot);
    try {
      if (rewrite) {
        const data: RuntimeRecordData = {
          daemon: this.#daemon,
          children: [...this.#starts.values()],
        };
        Deno.writeTextFileSync(`${this.#path}.tmp`, JSON.stringify(data) + "\n");
        Deno.renameSync(`${this.#path}.tmp`, this.#path);
        this.#exists = true;
        this.#snapshot = data.children.length;
        this.#appended = 0;
      } else if (added.length > 0) {
        const lines = added.map((c) => JSON.stringify(c) + "\n").join("");
        Deno.writeTextFileSync(this.#path, lines, { append: true });
        this.#appended += added.length;
      }
      this.#failed = false;
    } catch (e) {
      if (!this.#failed) {
        this.#onError(`cannot write ${this.#path}: ${e instanceof Error ? e.message : e}`);
      }
      this.#failed = true;
    }
  }

  /** Stops following and removes the file (a clean exit leaves nothing to find). */
  [Symbol.dispose](): void {
    this.#unwatch();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      Deno.removeSync(this.#path);
    } catch {
      // already gone, or never written: either way nothing is left to find
    }
  }

  /**
   * A new child is written at the end of the turn (a daemon killed right after a spawn leaves it
   * in the record); a child that is gone only makes the record stale, which costs nothing (a
   * survivor must match its start time), so exits are written with the next spawn or a second
   * later. Stopping 1,000 children wrote the whole record after each exit: a megabyte of JSON and
   * a rename per child.
   */
  #schedule(change: "add" | "delete"): void {
    const delay = change === "add" ? 0 : EXIT_WRITE_DELAY_MS;
    if (this.#timer !== null && this.#timerDelay <= delay) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timerDelay = delay;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.write();
    }, delay);
  }
}

/** Appends allowed after a snapshot smaller than this before the file is rewritten. */
const MIN_APPENDS = 64;
/** How long after an exit (with no spawn since) the record is rewritten without it. */
const EXIT_WRITE_DELAY_MS = 1000;
