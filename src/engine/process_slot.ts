/**
 * One process at run time: its state-machine record, its child and timer, its output streams. It
 * feeds inputs to the pure `step` and carries out the effects through the ports.
 */

import type { ProcessConfig } from "../config/model.ts";
import { SvisorError } from "../core/errors.ts";
import type { ChildHandle, ExitStatus, SpawnRequest, TimerHandle } from "../core/ports.ts";
import { buildChildEnv } from "../process/child_env.ts";
import { resolveCommand, searchPath } from "../process/command_resolve.ts";
import {
  newRecord,
  type ProcessEffect,
  type ProcessInput,
  type ProcessRecord,
} from "../process/process_record.ts";
import { step } from "../process/process_step.ts";
import { pyRepr } from "../protocol/py_repr.ts";
import type { EngineDeps } from "./engine_deps.ts";
import { StreamCapture } from "./stream_capture.ts";
import { ProbeMonitor } from "./probe_monitor.ts";
import { RestartTriggers } from "./restart_triggers.ts";

/** How long to let output drain after a child is reaped before reporting the exit. */
const DRAIN_MS = 100;

/** Log paths chosen for a process (AUTO already resolved), and how its output is written. */
export interface SlotLogPaths {
  /** stdout log, or null. */
  stdout: string | null;
  /** stderr log, or null (always null with redirect_stderr). */
  stderr: string | null;
  /** Strip ANSI escapes before writing (`[supervisord] strip_ansi`). */
  stripAnsi: boolean;
}

/** A process's runtime; the engine owns one per configured process. */
export class ProcessSlot {
  /** The process config. */
  readonly config: ProcessConfig;
  /** The stdout stream. */
  readonly stdout: StreamCapture;
  /** The stderr stream, or null with redirect_stderr. */
  readonly stderr: StreamCapture | null;
  /** Readiness and health checks, or null when the program has none. */
  readonly checks: ProbeMonitor | null;
  /** max_memory and restart_schedule, or null when the program sets neither. */
  readonly triggers: RestartTriggers | null;
  readonly #deps: EngineDeps;
  readonly #shuttingDown: () => boolean;
  readonly #stdin: (() => { fd: number } | { error: string }) | null;
  readonly #watchers = new Set<(r: ProcessRecord) => void>();
  readonly #queue: ProcessInput[] = [];
  /** The last request that changed the process (`ctl stop`, a health restart), for `why`. */
  lastRequest: { what: string; at: number } | null = null;
  /** Namespecs the last start request started first (its stopped dependencies). */
  startedFirst: string[] = [];
  #record: ProcessRecord = newRecord();
  #child: ChildHandle | null = null;
  #timer: TimerHandle | null = null;
  #busy = false;
  #disposed = false;

  /** A STOPPED, never-started process. */
  constructor(
    config: ProcessConfig,
    paths: SlotLogPaths,
    deps: EngineDeps,
    shuttingDown: () => boolean,
    options: {
      /** An fcgi-program's group socket, the child's fd 0 (or the error to fail the spawn). */
      stdin?: () => { fd: number } | { error: string };
    } = {},
  ) {
    this.config = config;
    this.#deps = deps;
    this.#shuttingDown = shuttingDown;
    this.#stdin = options.stdin ?? null;
    const stripAnsi = paths.stripAnsi;
    this.checks = config.readiness === undefined && config.health === undefined
      ? null
      : new ProbeMonitor(this, deps);
    const onChunk = config.readiness?.probe.kind === "log" ? this.checks : null;
    const policy = config.restartPolicy;
    this.triggers = policy === undefined || (policy.maxMemory === null && policy.schedule === null)
      ? null
      : new RestartTriggers(this, deps);
    const capture = (channel: "stdout" | "stderr", path: string | null) =>
      new StreamCapture({
        processName: config.name,
        groupName: config.group,
        channel,
        sink: {
          path,
          maxbytes: config[channel].maxbytes,
          backups: config[channel].backups,
          stripAnsi,
          ...(config[channel].syslog ? { syslogTag: config.name } : {}),
        },
        eventsEnabled: config[channel].eventsEnabled,
        // A listener's stdout carries the protocol: supervisord never captures it.
        captureMaxbytes: channel === "stdout" && config.eventlistener !== undefined
          ? 0
          : config[channel].captureMaxbytes,
        sinks: deps.sinks,
        bus: deps.bus,
        log: deps.log,
        ...(onChunk === null ? {} : { onChunk: (chunk: Uint8Array) => onChunk.onChunk(chunk) }),
        ...(deps.pipes === undefined ? {} : { pipes: deps.pipes }),
      });
    this.stdout = capture("stdout", paths.stdout);
    this.stderr = config.redirectStderr ? null : capture("stderr", paths.stderr);
  }

  /** The process name. */
  get name(): string {
    return this.config.name;
  }

  /** The group name. */
  get group(): string {
    return this.config.group;
  }

  /** The current record. */
  get record(): ProcessRecord {
    return this.#record;
  }

  /** The running child, or null. */
  get child(): ChildHandle | null {
    return this.#child;
  }

  /** The capture of a channel (stderr falls back to null with redirect_stderr). */
  capture(channel: "stdout" | "stderr"): StreamCapture | null {
    return channel === "stdout" ? this.stdout : this.stderr;
  }

  /** Feeds an input; inputs raised while effects run are queued and handled in order. */
  dispatch(input: ProcessInput): void {
    if (this.#disposed) return;
    this.#queue.push(input);
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        const now = this.#deps.clock;
        const { next: record, effects } = step(this.#record, next, {
          config: this.config,
          now: now.monotonic(),
          wall: now.now(),
          shuttingDown: this.#shuttingDown(),
          ...(this.config.restartPolicy === undefined ? {} : { random: this.#random() }),
        });
        const from = this.#record;
        this.#record = record;
        for (const effect of effects) this.#apply(effect);
        if (record !== from) this.checks?.onRecord(from, record);
        if (record !== from) { for (const w of [...this.#watchers]) w(record); }
      }
    } finally {
      this.#busy = false;
    }
  }

  /** Calls `fn` after every change of the record; returns an unsubscribe function. */
  watch(fn: (record: ProcessRecord) => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  /**
   * Resolves with the first record (now or later) for which `done` returns true; `done` may throw
   * to reject. Rejects with the signal's reason when aborted.
   */
  waitFor(done: (r: ProcessRecord) => boolean, signal?: AbortSignal): Promise<ProcessRecord> {
    return new Promise((resolve, reject) => {
      const check = (r: ProcessRecord): boolean => {
        try {
          if (!done(r)) return false;
          resolve(r);
        } catch (e) {
          reject(e);
        }
        return true;
      };
      if (check(this.#record)) return;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        off();
        reject(signal?.reason);
      };
      const off = this.watch((r) => {
        if (!check(r)) return;
        off();
        signal?.removeEventListener("abort", onAbort);
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Writes to the child's stdin (NOT_RUNNING without a child or while stopping, NO_FILE on a closed pipe). */
  async writeStdin(data: Uint8Array): Promise<void> {
    const child = this.#child;
    if (child === null || this.#record.pid === 0 || this.#record.killing) {
      throw new SvisorError("NOT_RUNNING", this.name);
    }
    try {
      await child.writeStdin(data);
    } catch {
      throw new SvisorError("NO_FILE", this.name);
    }
  }

  /** Stops timers and closes the sinks; later inputs are ignored. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    if (this.#timer !== null) this.#deps.clock.clearTimer(this.#timer);
    this.#timer = null;
    this.checks?.dispose();
    this.triggers?.dispose();
    await this.stdout.close();
    await this.stderr?.close();
  }

  #apply(effect: ProcessEffect): void {
    const deps = this.#deps;
    switch (effect.type) {
      case "spawn":
        this.#queue.push(this.#spawn());
        return;
      case "kill":
        this.#kill(effect.signal, effect.group);
        return;
      case "setTimer":
        this.#clearTimer();
        this.#timer = deps.clock.setTimer(effect.ms, () => {
          this.#timer = null;
          this.dispatch({ type: "timer", kind: effect.kind });
        });
        return;
      case "cancelTimer":
        this.#clearTimer();
        return;
      case "log":
        deps.log.log(effect.level, effect.message);
        return;
      case "emit": {
        const c = effect.change;
        deps.bus.publish({
          type: `PROCESS_STATE_${c.to}`,
          processName: this.name,
          groupName: this.group,
          fromState: c.from,
          expected: c.expected,
          tries: c.tries,
          pid: c.pid,
        });
        return;
      }
    }
  }

  #random(): number {
    return (this.#deps.random ?? Math.random)();
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimer(this.#timer);
    this.#timer = null;
  }

  #kill(signal: string, group: boolean): void {
    const child = this.#child;
    if (child === null) return;
    try {
      child.kill(signal, group);
      if (group) this.#killEscaped(child, signal);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (isNoSuchProcess(e)) {
        this.#deps.log.log(
          "DEBG",
          `unable to signal ${this.name} (pid ${child.pid}), it probably just exited on its own: ${text}`,
        );
        return;
      }
      this.#queue.push({ type: "killFailed", message: text });
    }
  }

  #spawn(): ProcessInput {
    const deps = this.#deps;
    const config = this.config;
    let request: SpawnRequest;
    try {
      const { file, argv } = resolveCommand(config.command, {
        probe: deps.probe,
        path: searchPath(config.environment, deps.env),
      });
      request = {
        file,
        args: argv.slice(1),
        argv0: argv[0] ?? file,
        env: buildChildEnv({
          daemonEnv: deps.env,
          serverurl: config.serverurl,
          processName: config.name,
          groupName: config.group,
          environment: config.environment,
        }),
        redirectStderr: config.redirectStderr,
      };
      if (this.checks !== null) {
        request.env = { ...request.env, ...this.checks.childEnv() };
        const notifyFd = this.checks.notifyFd();
        if (notifyFd !== null) request.notifyFd = notifyFd;
      }
      if (config.directory !== null) request.cwd = config.directory;
      if (config.umask !== null) request.umask = config.umask;
      if (config.user !== null) {
        const user = deps.users.lookup(config.user);
        if (user === null) throw new SvisorError("SPAWN_ERROR", `can't find user '${config.user}'`);
        request.uid = user.uid;
        request.gid = user.gid;
      }
      const stdin = this.#stdin?.();
      if (stdin !== undefined) {
        if ("error" in stdin) throw new SvisorError("SPAWN_ERROR", stdin.error);
        request.stdinFd = stdin.fd;
      }
    } catch (e) {
      return { type: "spawnFailed", message: e instanceof Error ? e.message : String(e) };
    }
    try {
      // supervisord makes the dispatchers (opening the log files) before it forks.
      this.stdout.openForSpawn();
      this.stderr?.openForSpawn();
    } catch (e) {
      return { type: "spawnFailed", message: dispatcherError(config.name, e) };
    }
    let child: ChildHandle;
    try {
      child = deps.spawner.spawn(request);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        type: "spawnFailed",
        message: `unknown error during fork for '${config.name}': ${why}`,
      };
    }
    this.#child = child;
    const pumps = [this.stdout.pump(child.stdout, child.pid)];
    if (child.stderr !== null) {
      pumps.push((this.stderr ?? this.stdout).pump(child.stderr, child.pid, 2));
    }
    const drained = Promise.all(pumps);
    child.status.then((status) => this.#reaped(child, status, drained));
    if (child.notifications !== undefined) void this.#readNotifications(child, child.notifications);
    return { type: "spawned", pid: child.pid };
  }

  /** s6 readiness: what this child writes to its notification fd, until it exits. */
  async #readNotifications(child: ChildHandle, stream: ReadableStream<Uint8Array>): Promise<void> {
    try {
      for await (const chunk of stream) {
        if (this.#child === child) this.checks?.onNotifyFd(chunk);
      }
    } catch {
      // The pipe broke as the child exited: nothing more can come from it.
    }
  }

  async #reaped(child: ChildHandle, status: ExitStatus, drained: Promise<unknown>): Promise<void> {
    let timer: TimerHandle | null = null;
    const grace = new Promise<void>((r) => (timer = this.#deps.clock.setTimer(DRAIN_MS, r)));
    await Promise.race([drained, grace]);
    if (timer !== null) this.#deps.clock.clearTimer(timer);
    const exited = () => {
      if (this.#child === child) this.#child = null;
      // killasgroup: a stopped program leaves nothing behind, even what left its group or session.
      if (this.#record.killing && this.config.killasgroup) this.#killEscaped(child, "SIGKILL");
      this.dispatch({ type: "exited", status });
      // supervisord's main loop handles the SIGCHLD after reaping: tools grep for this line.
      this.#deps.log.log("DEBG", "received SIGCHLD indicating a child quit");
    };
    // In a crash storm each exit restarts its child at once: paced, so requests get served.
    if (this.#deps.pacer === undefined) exited();
    else this.#deps.pacer.run(exited);
  }

  #killEscaped(child: ChildHandle, signal: string): void {
    const hit = child.killEscaped?.(signal) ?? [];
    if (hit.length === 0) return;
    this.#deps.log.log(
      "WARN",
      `killing what '${this.name}' left outside its process group with ${signal}: ${
        hit.join(", ")
      }`,
    );
  }
}

/**
 * supervisord's spawn error when the log files cannot be opened:
 * `unknown error making dispatchers for 'web': ENOENT` (`too many open files to spawn 'web'`).
 */
export function dispatcherError(name: string, e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string"
    ? e.code
    : e instanceof Error
    ? e.name
    : String(e);
  if (code === "EMFILE") return `too many open files to spawn ${pyRepr(name)}`;
  return `unknown error making dispatchers for ${pyRepr(name)}: ${code}`;
}

function isNoSuchProcess(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === "NotFound" || /ESRCH|No such process/i.test(e.message);
}
