/** A scripted Spawner for engine tests: children are objects the test makes write, exit, or die from signals. */

import { SvisorError } from "../../src/core/errors.ts";
import type {
  ChildHandle,
  ExitStatus,
  FileFacts,
  FileProbe,
  Spawner,
  SpawnRequest,
} from "../../src/core/ports.ts";

/** How a fake child reacts to a signal: die from it, or ignore it. */
export type SignalReaction = "die" | "ignore";

/** A fake child: the test drives its output and its end. */
export class FakeChild implements ChildHandle {
  readonly pid: number;
  readonly request: SpawnRequest;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array> | null;
  readonly status: Promise<ExitStatus>;
  /** Signals received, as `[signal, group]`. */
  readonly signals: Array<[string, boolean]> = [];
  /** Bytes written to stdin, decoded. */
  stdin = "";
  /** Whether stdin is closed (writes then reject). */
  stdinClosed = false;
  /** Per signal: die (the default for TERM, INT, QUIT, KILL, HUP) or ignore. */
  reactions: Record<string, SignalReaction> = {};
  /** An error kill() throws, when set. */
  killError: Error | null = null;
  #out!: ReadableStreamDefaultController<Uint8Array>;
  #err: ReadableStreamDefaultController<Uint8Array> | null = null;
  #resolve!: (s: ExitStatus) => void;
  #ended = false;

  /** Made by FakeSpawner. */
  constructor(pid: number, request: SpawnRequest) {
    this.pid = pid;
    this.request = request;
    this.stdout = new ReadableStream({ start: (c) => void (this.#out = c) });
    this.stderr = request.redirectStderr
      ? null
      : new ReadableStream({ start: (c) => void (this.#err = c) });
    this.status = new Promise((r) => (this.#resolve = r));
  }

  /** Whether the child has ended. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Writes to the child's stdout (or stderr). */
  write(text: string, channel: "stdout" | "stderr" = "stdout"): void {
    const bytes = new TextEncoder().encode(text);
    const c = channel === "stderr" && this.#err !== null ? this.#err : this.#out;
    c.enqueue(bytes);
  }

  /** Ends the child with an exit code (closing its pipes first). */
  exit(code: number): void {
    this.#end({ code, signal: null });
  }

  /** Ends the child as killed by a signal. */
  die(signal: string): void {
    this.#end({ code: null, signal });
  }

  writeStdin(data: Uint8Array): Promise<void> {
    if (this.stdinClosed || this.#ended) {
      return Promise.reject(new SvisorError("NO_FILE", "stdin closed"));
    }
    this.stdin += new TextDecoder().decode(data);
    return Promise.resolve();
  }

  kill(signal: string, group: boolean): void {
    if (this.killError !== null) throw this.killError;
    this.signals.push([signal, group]);
    const reaction = this.reactions[signal] ??
      (["SIGTERM", "SIGINT", "SIGQUIT", "SIGKILL", "SIGHUP"].includes(signal) ? "die" : "ignore");
    if (signal === "SIGKILL" || reaction === "die") queueMicrotask(() => this.die(signal));
  }

  #end(status: ExitStatus): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const stream of [this.#out, this.#err]) {
      try {
        stream?.close();
      } catch {
        // the reader cancelled the stream (the engine stops reading at dispose)
      }
    }
    this.#resolve(status);
  }
}

/** A Spawner that makes FakeChild objects, or throws when told to. */
export class FakeSpawner implements Spawner {
  /** Every child made, in order. */
  readonly children: FakeChild[] = [];
  /** When set, the next spawns throw this message as SPAWN_ERROR. */
  failWith: string | null = null;
  /** Called with each new child (to script its behaviour). */
  onSpawn: ((child: FakeChild) => void) | null = null;
  #nextPid: number;

  /** Pids start at `firstPid`. */
  constructor(firstPid = 4242) {
    this.#nextPid = firstPid;
  }

  spawn(request: SpawnRequest): ChildHandle {
    if (this.failWith !== null) throw new SvisorError("SPAWN_ERROR", this.failWith);
    const child = new FakeChild(this.#nextPid++, request);
    this.children.push(child);
    this.onSpawn?.(child);
    return child;
  }

  /** The children spawned for an executable path. */
  of(file: string): FakeChild[] {
    return this.children.filter((c) => c.request.file === file);
  }

  /** The last child spawned for an executable path. */
  last(file: string): FakeChild {
    const all = this.of(file);
    const child = all[all.length - 1];
    if (child === undefined) throw new Error(`no child spawned for ${file}`);
    return child;
  }

  /** Ends every child still running (for test cleanup). */
  endAll(): void {
    for (const c of this.children) if (!c.ended) c.die("SIGKILL");
  }
}

/** A FileProbe over a table of paths: executables, plain files, directories. */
export class FakeProbe implements FileProbe {
  readonly #facts = new Map<string, FileFacts>();

  /** Every path in `executables` is an executable regular file. */
  constructor(executables: string[] = []) {
    for (const p of executables) this.addExecutable(p);
  }

  /** Adds an executable file. */
  addExecutable(path: string): this {
    this.#facts.set(path, { isFile: true, isDirectory: false, executable: true });
    return this;
  }

  /** Adds a file that is not executable. */
  addFile(path: string): this {
    this.#facts.set(path, { isFile: true, isDirectory: false, executable: false });
    return this;
  }

  /** Adds a directory (never executable as a command, as the Deno probe says). */
  addDirectory(path: string): this {
    this.#facts.set(path, { isFile: false, isDirectory: true, executable: false });
    return this;
  }

  /** Removes a path. */
  remove(path: string): this {
    this.#facts.delete(path);
    return this;
  }

  probe(path: string): FileFacts | null {
    return this.#facts.get(path) ?? null;
  }
}
