/**
 * One output stream of a process (stdout or stderr): reads the child's chunks and awaits each sink
 * write before reading more (no per-line work), keeps a small in-memory tail, and publishes chunk
 * events for followers and event listeners. The log file opens afresh at each spawn, as
 * supervisord's dispatchers do; a write that fails is reported once per episode and the pipe keeps
 * draining, so a log never blocks a child.
 */

import type {
  ActivityLog,
  LogSink,
  LogSinkFactory,
  LogSinkOptions,
  PipeTuner,
} from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import { CaptureSplitter } from "../events/capture_splitter.ts";
import { decodeData, pyBytesRepr } from "../events/supervisor_event.ts";
import { TailRing } from "../log/tail_ring.ts";
import { countNewlines } from "../log/newline_count.ts";
import { type ChunkSource, chunkSource } from "./chunk_reader.ts";
import { pyRepr } from "../protocol/py_repr.ts";
import type { Channel } from "../protocol/types.ts";

/** Bytes of recent output kept in memory per stream. */
export const TAIL_BYTES = 16 * 1024;

/** Who the stream belongs to and where its bytes go. */
export interface StreamCaptureOptions {
  /** Process name. */
  processName: string;
  /** Group name. */
  groupName: string;
  /** stdout or stderr. */
  channel: Channel;
  /** The sink to open (path null: output is discarded but still followed and tailed). */
  sink: LogSinkOptions;
  /** Emit PROCESS_LOG_STDOUT/STDERR events. */
  eventsEnabled: boolean;
  /** `*_capture_maxbytes`: above 0, capture mode (PROCESS_COMMUNICATION events); default 0. */
  captureMaxbytes?: number;
  /** Opens the sink. */
  sinks: LogSinkFactory;
  /** The bus for chunk events. */
  bus: EventBus;
  /** The main log (DEBG `'name' stdout output:` lines when the level allows). */
  log: ActivityLog;
  /** Sees each chunk after it is written (log-line readiness only; absent costs nothing). */
  onChunk?: (chunk: Uint8Array) => void;
  /** Widens a busy stream's pipe (see PipeTuner). */
  pipes?: PipeTuner;
}

/** A read at least this large marks a stream busy: its pipe is widened (once per spawn). */
export const BUSY_READ = 32 * 1024;

/** Counters of one stream since its process slot was made. */
export interface StreamStats {
  /** Bytes read from the child. */
  bytes: number;
  /** Newlines among them. */
  lines: number;
  /** Times the log file rotated. */
  rotations: number;
  /** Bytes the sink could not write. */
  dropped: number;
}

/** A process's stream: sink, tail, and the lock that orders writes against follow requests. */
export class StreamCapture {
  /** The log file, or null when the stream is not logged to a file. */
  readonly path: string | null;
  /** The last bytes written. */
  readonly tail = new TailRing(TAIL_BYTES);
  readonly #options: StreamCaptureOptions;
  #sink: LogSink | null = null;
  #bytes = 0;
  #lines = 0;
  #dropped = 0;
  /** Rotations of the sinks replaced at earlier spawns (the counter keeps going across them). */
  #pastRotations = 0;
  #lock: Promise<unknown> = Promise.resolve();
  /** Runs queued on or holding the lock. */
  #pending = 0;
  /** Whether writes are failing (the episode's first failure was reported). */
  #failing = false;
  readonly #sources = new Set<ChunkSource>();
  readonly #splitter: CaptureSplitter | null;
  /**
   * Set for an event listener's stdout: each chunk goes to the listener protocol (still written
   * to the log file, as supervisord does) instead of capture mode and PROCESS_LOG events.
   */
  protocol: ((chunk: Uint8Array) => void) | null = null;

  /** Prepares the stream; the sink opens on first use. */
  constructor(options: StreamCaptureOptions) {
    this.#options = options;
    this.path = options.sink.path;
    const maxbytes = options.captureMaxbytes ?? 0;
    this.#splitter = maxbytes > 0 ? new CaptureSplitter(maxbytes) : null;
  }

  /**
   * Opens the file afresh for a new child, closing the one before after its pending writes
   * (supervisord opens a child's logs at each spawn, so a log whose directory went away fails the
   * spawn). Throws the open's error; the old file is kept then.
   */
  openForSpawn(): void {
    const next = this.#options.sinks.open(this.#options.sink);
    const old = this.#sink;
    this.#sink = next;
    this.#failing = false;
    this.#pastRotations += old?.counters?.().rotations ?? 0;
    if (old !== null) void this.exclusive(() => old.close()).catch((e) => this.#report("close", e));
  }

  /**
   * Creates the file now unless it is open (supervisor makes AUTO logs when the group is added);
   * a failure is reported to the main log, and the spawn will meet it again.
   */
  create(): void {
    if (this.#sink !== null) return;
    try {
      this.#sink = this.#options.sinks.open(this.#options.sink);
    } catch (e) {
      this.#report("open", e);
    }
  }

  /**
   * Reads a child's stream (its fd `fd`) to its end, writing each chunk before reading the next.
   * The first large read widens the pipe: while a chunk is written the pipe fills further, so the
   * next read takes more, and a fast writer blocks less.
   */
  async pump(stream: ReadableStream<Uint8Array>, pid: number, fd = 1): Promise<void> {
    const source = chunkSource(stream);
    this.#sources.add(source);
    let widened = this.#options.pipes === undefined;
    try {
      for (let chunk = await source.read(); chunk !== null; chunk = await source.read()) {
        const value = chunk; // valid until the next read: every consumer copies or is done
        if (!widened && value.length >= BUSY_READ) {
          widened = true;
          source.widen(this.#options.pipes!.widen(pid, fd));
        }
        if (value.length === 0) continue;
        // Nothing holds the lock and the file takes the bytes at once: no promise per chunk.
        if (this.#pending === 0 && this.#deliverNow(value, pid)) continue;
        await this.exclusive(() => this.#deliver(value, pid));
      }
    } catch {
      // A broken pipe ends the capture; the exit is reported through the child's status.
    } finally {
      this.#sources.delete(source);
      source.release();
    }
  }

  /** Runs `fn` while no chunk is being delivered (so a follower sees each chunk exactly once). */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const run = this.#lock.then(fn, fn).finally(() => this.#pending--);
    // The chain only orders the next run; this run's own caller sees its failure.
    this.#lock = run.catch(() => {});
    return run;
  }

  /** What the stream has captured, for metrics (read at scrape time; the counters cost one add each per chunk). */
  stats(): StreamStats {
    const rotations = this.#pastRotations + (this.#sink?.counters?.().rotations ?? 0);
    return { bytes: this.#bytes, lines: this.#lines, rotations, dropped: this.#dropped };
  }

  /** Reopens the file (SIGUSR2); a failure is reported to the main log, writes retry the file. */
  async reopen(): Promise<void> {
    const sink = this.#sink;
    if (sink === null) return;
    await this.exclusive(() => sink.reopen()).catch((e) => this.#report("reopen", e));
  }

  /** Deletes and reopens the file, and forgets the in-memory tail; rejects when that fails. */
  async clear(): Promise<void> {
    this.tail.clear();
    const sink = this.#sink;
    if (sink !== null) await this.exclusive(() => sink.clear());
  }

  /**
   * Stops reading (a grandchild that outlived its parent may hold the pipe open for ever) and
   * closes the sink after pending writes.
   */
  async close(): Promise<void> {
    // A source that will not cancel is a pipe already closed: there is nothing left to stop.
    for (const source of this.#sources) await source.cancel().catch(() => {});
    const sink = this.#sink;
    this.#sink = null;
    if (sink !== null) {
      await this.exclusive(() => sink.close()).catch((e) => this.#report("close", e));
    }
  }

  /** Reports a failure of the log file to the main log: `web: stdout log /l/web.log: write failed: ...`. */
  #report(what: string, e: unknown): void {
    const o = this.#options;
    const why = e instanceof Error ? e.message : String(e);
    o.log.log("WARN", `${o.processName}: ${o.channel} log ${o.sink.path}: ${what} failed: ${why}`);
  }

  async #write(chunk: Uint8Array): Promise<void> {
    const sink = this.#sink;
    if (sink === null) return;
    try {
      await sink.write(chunk);
      this.#wrote();
    } catch (e) {
      this.#writeFailed(chunk, e);
    }
  }

  /** Writes at once when the sink can (see LogSink.writeNow); false when `#write` must be used. */
  #writeNow(chunk: Uint8Array): boolean {
    const sink = this.#sink;
    if (sink === null) return true;
    if (sink.writeNow === undefined) return false;
    try {
      if (!sink.writeNow(chunk)) return false;
      this.#wrote();
    } catch (e) {
      this.#writeFailed(chunk, e);
    }
    return true;
  }

  #wrote(): void {
    if (!this.#failing) return;
    this.#failing = false;
    const o = this.#options;
    o.log.log("INFO", `${o.processName}: ${o.channel} log ${o.sink.path}: writing again`);
  }

  #writeFailed(chunk: Uint8Array, e: unknown): void {
    // Output is dropped, the pipe keeps draining; one report per episode of failures.
    this.#dropped += chunk.length;
    if (!this.#failing) this.#report("write (output dropped until it works again)", e);
    this.#failing = true;
  }

  /**
   * The common case of `#deliver` without a promise: plain output (no listener protocol, no
   * capture mode) to a sink that writes at once. False when nothing was done.
   */
  #deliverNow(chunk: Uint8Array, pid: number): boolean {
    if (this.protocol !== null || this.#splitter !== null || !this.#writeNow(chunk)) return false;
    this.#bytes += chunk.length;
    this.#lines += countNewlines(chunk);
    this.#logged(chunk, pid, true);
    return true;
  }

  async #deliver(chunk: Uint8Array, pid: number): Promise<void> {
    const o = this.#options;
    this.#bytes += chunk.length;
    this.#lines += countNewlines(chunk);
    if (this.protocol !== null) {
      await this.#write(chunk);
      this.tail.push(chunk);
      if (o.log.enabled("DEBG")) {
        o.log.log("DEBG", `${pyRepr(o.processName)} ${o.channel} output:\n${pyBytesRepr(chunk)}`);
      }
      this.#publishOutput(chunk, pid);
      this.protocol(chunk);
      return;
    }
    if (this.#splitter === null) return await this.#logData(chunk, pid, true);
    for (const piece of this.#splitter.feed(chunk)) {
      if (piece.kind === "data") {
        await this.#logData(piece.data, pid, !piece.captured);
        continue;
      }
      const type = o.channel === "stdout"
        ? "PROCESS_COMMUNICATION_STDOUT"
        : "PROCESS_COMMUNICATION_STDERR";
      o.bus.publish({
        type,
        processName: o.processName,
        groupName: o.groupName,
        pid,
        data: piece.data,
      });
      if (o.log.enabled("DEBG")) {
        o.log.log("DEBG", `${pyRepr(o.processName)} ${o.channel} emitted a comm event`);
      }
    }
  }

  /** Output as supervisord's `_log`: to the file unless captured, the DEBG line, PROCESS_LOG. */
  async #logData(chunk: Uint8Array, pid: number, toFile: boolean): Promise<void> {
    if (toFile) await this.#write(chunk);
    this.#logged(chunk, pid, toFile);
  }

  /** What follows a chunk's write (to the file unless `toFile` is false): tail, readiness, DEBG, events. */
  #logged(chunk: Uint8Array, pid: number, toFile: boolean): void {
    const o = this.#options;
    if (toFile) {
      this.tail.push(chunk);
      o.onChunk?.(chunk);
    }
    if (o.log.enabled("DEBG")) {
      o.log.log("DEBG", `${pyRepr(o.processName)} ${o.channel} output:\n${decodeData(chunk)}`);
    }
    if (toFile) this.#publishOutput(chunk, pid);
    if (o.eventsEnabled) {
      const type = o.channel === "stdout" ? "PROCESS_LOG_STDOUT" : "PROCESS_LOG_STDERR";
      const base = { processName: o.processName, groupName: o.groupName, pid };
      // Events may be queued for listeners: they get their own copy of the reused buffer.
      if (o.bus.wants(type)) o.bus.publish({ ...base, data: chunk.slice(), type });
    }
  }

  #publishOutput(chunk: Uint8Array, pid: number): void {
    const o = this.#options;
    if (!o.bus.wants("PROCESS_OUTPUT")) return;
    o.bus.publish({
      type: "PROCESS_OUTPUT",
      processName: o.processName,
      groupName: o.groupName,
      pid,
      data: chunk,
      channel: o.channel,
    });
  }
}
