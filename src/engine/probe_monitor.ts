/**
 * Readiness and health checks of one process at run time: runs the pure probe cycles on the
 * slot's state changes, the clock and the probe ports; publishes PROCESS_READINESS and
 * PROCESS_HEALTH and writes each failure to the main log.
 */

import type { ProbeTiming, ProcessConfig } from "../config/model.ts";
import { describeProbe } from "../config/probe_spec.ts";
import type { ActivityLog, Clock, TimerHandle } from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import type { ProcessCheckEvent } from "../events/supervisor_event.ts";
import { LineMatcher } from "../process/line_matcher.ts";
import {
  newProbeCycle,
  type ProbeCycle,
  type ProbeInput,
  probeStep,
} from "../process/probe_cycle.ts";
import type { NotifyChannel, NotifySockets, ProbeRunner } from "../process/probe_ports.ts";
import type { ProcessRecord } from "../process/process_record.ts";
import { type Restartable, restartProcess } from "./restart_process.ts";

/** What the monitor needs of its process (a ProcessSlot). */
export interface MonitoredProcess extends Restartable {
  /** The config. */
  readonly config: ProcessConfig;
}

/** The ports and sinks of the monitor. */
export interface ProbeMonitorDeps {
  clock: Clock;
  log: ActivityLog;
  bus: EventBus;
  /** Runs active probes; without it they fail with "no probe runner". */
  probes?: ProbeRunner;
  /** Opens NOTIFY_SOCKET sockets; without it notify readiness never passes. */
  notify?: NotifySockets;
  /** The daemon environment (command probes get it plus the program's environment). */
  env: Readonly<Record<string, string>>;
}

/** The status word `status` shows after the state, or null when the program uses no checks. */
export type CheckWord = "ready" | "unready" | "failed" | "unhealthy";

/** Watches one process's readiness and health. */
export class ProbeMonitor {
  readonly #p: MonitoredProcess;
  readonly #deps: ProbeMonitorDeps;
  readonly #watchers = new Set<() => void>();
  readonly #matcher: LineMatcher | null;
  #notify: NotifyChannel | null = null;
  #readiness: ProbeCycle = newProbeCycle();
  #health: ProbeCycle = newProbeCycle();
  #unhealthy = false;
  #signalled = false;
  #timer: TimerHandle | null = null;
  #inflight: AbortController | null = null;
  #generation = 0;

  /** Prepares the monitor (opens the notify socket for notify readiness). */
  constructor(process: MonitoredProcess, deps: ProbeMonitorDeps) {
    this.#p = process;
    this.#deps = deps;
    const probe = process.config.readiness?.probe;
    this.#matcher = probe?.kind === "log" ? new LineMatcher(new RegExp(probe.pattern)) : null;
    if (probe?.kind === "notify" && deps.notify !== undefined) {
      this.#notify = deps.notify.open(process.config.name, (text) => this.#onNotify(text));
    }
  }

  /** Whether the readiness check has passed since the process last became RUNNING (true without one). */
  get ready(): boolean {
    if (this.#p.record.state !== "RUNNING") return false;
    return this.#p.config.readiness === undefined || this.#readiness.phase === "passed";
  }

  /** Whether the health check passes: READY, and (with a health check) its last probe passed. */
  get healthy(): boolean {
    if (!this.ready) return false;
    if (this.#p.config.health === undefined) return true;
    return this.#health.probes > 0 && this.#health.lastOk && !this.#unhealthy;
  }

  /** The readiness cycle (for `why`). */
  get readiness(): ProbeCycle {
    return this.#readiness;
  }

  /** The health cycle (for `why`). */
  get health(): ProbeCycle {
    return this.#health;
  }

  /** The word after the state in `status` while RUNNING, or null. */
  word(): CheckWord | null {
    if (this.#p.record.state !== "RUNNING") return null;
    if (this.#unhealthy) return "unhealthy";
    if (this.#readiness.phase === "failed") return "failed";
    return this.ready ? "ready" : "unready";
  }

  /** Environment the child gets (NOTIFY_SOCKET for notify readiness). */
  childEnv(): Record<string, string> {
    const kind = this.#p.config.readiness?.probe.kind;
    return this.#notify === null || kind !== "notify" ? {} : { NOTIFY_SOCKET: this.#notify.path };
  }

  /** The descriptor of s6 readiness the child gets, or null. */
  notifyFd(): number | null {
    const probe = this.#p.config.readiness?.probe;
    return probe?.kind === "fd" ? probe.fd : null;
  }

  /** Feeds what the current child wrote to its notification fd: a newline makes it ready. */
  onNotifyFd(chunk: Uint8Array): void {
    if (chunk.includes(0x0a)) this.#passiveSignal("newline written");
  }

  /** Feeds a chunk of output (only wired for log readiness). */
  onChunk(chunk: Uint8Array): void {
    if (this.#matcher === null || this.#matcher.matched) return;
    if (this.#matcher.feed(chunk)) this.#passiveSignal("log line matched");
  }

  /** Calls `fn` after every readiness or health change; returns an unsubscribe function. */
  watch(fn: () => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  /** Called by the slot after each record change. */
  onRecord(from: ProcessRecord, to: ProcessRecord): void {
    if (to.state === "STARTING" && from.state !== "STARTING") {
      this.#signalled = false;
      this.#matcher?.reset();
    }
    if (to.state === "RUNNING" && from.state !== "RUNNING") this.#beginRunning();
    else if (to.state !== "RUNNING" && from.state === "RUNNING") this.#endRunning();
    else if (to.state !== from.state) this.#changed();
  }

  /** Stops timers and probes and closes the notify socket. */
  dispose(): void {
    this.#endRunning();
    this.#notify?.close();
    this.#notify = null;
  }

  #beginRunning(): void {
    this.#generation++;
    this.#unhealthy = false;
    const r = this.#p.config.readiness;
    if (r === undefined) {
      this.#beginHealth();
      return this.#changed();
    }
    const res = this.#stepReadiness({ type: "begin" });
    if (r.probe.kind === "log" || r.probe.kind === "notify" || r.probe.kind === "fd") {
      if (this.#signalled) this.#passiveSignal(PASSIVE_DETAIL[r.probe.kind]);
      return this.#changed();
    }
    this.#schedule(res, "readiness");
    this.#changed();
  }

  #endRunning(): void {
    this.#generation++;
    this.#clearTimer();
    this.#inflight?.abort();
    this.#inflight = null;
    const now = this.#deps.clock.monotonic();
    const timing = this.#p.config.readiness?.timing ?? ZERO;
    this.#readiness =
      probeStep(this.#readiness, { type: "end" }, { timing, mode: "readiness", now })
        .next;
    this.#health = newProbeCycle();
    this.#unhealthy = false;
    this.#changed();
  }

  #beginHealth(): void {
    const h = this.#p.config.health;
    if (h === undefined) return;
    const now = this.#deps.clock.monotonic();
    const res = probeStep(this.#health, { type: "begin" }, {
      timing: h.timing,
      mode: "health",
      now,
    });
    this.#health = res.next;
    this.#schedule(res, "health");
  }

  #stepReadiness(input: ProbeInput) {
    const timing = this.#p.config.readiness?.timing ?? ZERO;
    const now = this.#deps.clock.monotonic();
    const res = probeStep(this.#readiness, input, { timing, mode: "readiness", now });
    this.#readiness = res.next;
    return res;
  }

  #passiveSignal(detail: string): void {
    this.#signalled = true;
    if (this.#p.record.state !== "RUNNING" || this.#readiness.phase !== "probing") return;
    this.#readinessResult(true, detail);
  }

  #onNotify(text: string): void {
    if (!text.split("\n").includes("READY=1")) return;
    this.#passiveSignal("READY=1");
  }

  #schedule(res: { probeInMs: number | null }, mode: "readiness" | "health"): void {
    this.#clearTimer();
    if (res.probeInMs === null) return;
    const generation = this.#generation;
    this.#timer = this.#deps.clock.setTimer(res.probeInMs, () => {
      this.#timer = null;
      if (generation === this.#generation) void this.#probe(mode, generation);
    });
  }

  async #probe(mode: "readiness" | "health", generation: number): Promise<void> {
    const config = this.#p.config;
    const check = mode === "readiness" ? config.readiness : config.health;
    if (check === undefined) return;
    const probe = check.probe;
    if (probe.kind === "log" || probe.kind === "notify" || probe.kind === "startsecs") return;
    if (probe.kind === "fd") return;
    const runner = this.#deps.probes;
    const abort = new AbortController();
    this.#inflight = abort;
    const result = runner === undefined
      ? { ok: false, detail: "no probe runner" }
      : await runner.run(probe, {
        timeoutMs: check.timing.timeoutMs,
        signal: abort.signal,
        env: { ...this.#deps.env, ...config.environment },
        ...(config.directory === null ? {} : { cwd: config.directory }),
      });
    if (generation !== this.#generation) return;
    this.#inflight = null;
    if (mode === "readiness") this.#readinessResult(result.ok, result.detail);
    else this.#healthResult(result.ok, result.detail);
  }

  #readinessResult(ok: boolean, detail: string): void {
    const res = this.#stepReadiness({ type: "result", ok, detail });
    const what = describeProbe(this.#p.config.readiness?.probe ?? { kind: "startsecs" });
    const name = this.#p.config.name;
    if (res.verdict === "ready") {
      this.#deps.log.log("INFO", `ready: ${name} (${what}: ${detail})`);
      this.#publish("PROCESS_READINESS", "ready", `${what}: ${detail}`, 0);
      this.#beginHealth();
    } else if (res.verdict === "failure") {
      this.#deps.log.log(
        "DEBG",
        `not ready: ${name} (${what}: ${detail}; ${this.#readiness.failures} failed)`,
      );
      this.#publish("PROCESS_READINESS", "failure", `${what}: ${detail}`, this.#readiness.failures);
    } else if (res.verdict === "gaveUp") {
      this.#deps.log.log(
        "WARN",
        `readiness failed: ${name} (${what}: ${detail}; ${this.#readiness.failures} failures in a row)`,
      );
      this.#publish("PROCESS_READINESS", "failed", `${what}: ${detail}`, this.#readiness.failures);
    }
    this.#schedule(res, "readiness");
    this.#changed();
  }

  #healthResult(ok: boolean, detail: string): void {
    const h = this.#p.config.health;
    if (h === undefined) return;
    const now = this.#deps.clock.monotonic();
    const failuresBefore = this.#health.failures;
    const res = probeStep(this.#health, { type: "result", ok, detail }, {
      timing: h.timing,
      mode: "health",
      now,
    });
    this.#health = res.next;
    const what = describeProbe(h.probe);
    const name = this.#p.config.name;
    if (res.verdict === "failure") {
      this.#deps.log.log(
        "WARN",
        `health check failed: ${name} (${what}: ${detail}; ${this.#health.failures} of ${h.timing.failureThreshold})`,
      );
      this.#publish("PROCESS_HEALTH", "failure", `${what}: ${detail}`, this.#health.failures);
    } else if (res.verdict === "act") {
      const n = failuresBefore + 1;
      this.#unhealthy = true;
      if (h.action === "restart") {
        this.#deps.log.log(
          "WARN",
          `unhealthy: ${name} (${what}: ${detail}; ${n} failures in a row), restarting`,
        );
        this.#publish("PROCESS_HEALTH", "restart", `${what}: ${detail}`, n);
        this.#changed();
        this.#restart();
        return;
      }
      this.#deps.log.log("WARN", `unhealthy: ${name} (${what}: ${detail}; ${n} failures in a row)`);
      this.#publish("PROCESS_HEALTH", "unhealthy", `${what}: ${detail}`, n);
    } else if (ok && this.#unhealthy) {
      this.#unhealthy = false;
      this.#deps.log.log("INFO", `healthy again: ${name} (${what}: ${detail})`);
      this.#publish("PROCESS_HEALTH", "healthy", `${what}: ${detail}`, 0);
    } else if (res.verdict === "recovered") {
      this.#publish("PROCESS_HEALTH", "healthy", `${what}: ${detail}`, 0);
    }
    this.#schedule(res, "health");
    this.#changed();
  }

  #restart(): void {
    restartProcess(this.#p, "a health-check restart", this.#deps.clock.now());
  }

  #publish(
    type: ProcessCheckEvent["type"],
    status: ProcessCheckEvent["status"],
    detail: string,
    failures: number,
  ): void {
    this.#deps.bus.publish({
      type,
      processName: this.#p.config.name,
      groupName: this.#p.config.group,
      pid: this.#p.record.pid,
      status,
      detail,
      failures,
    });
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimer(this.#timer);
    this.#timer = null;
  }

  #changed(): void {
    for (const w of [...this.#watchers]) w();
  }
}

const PASSIVE_DETAIL = {
  log: "log line matched",
  notify: "READY=1",
  fd: "newline written",
} as const;

const ZERO: ProbeTiming = { intervalMs: 0, timeoutMs: 0, initialDelayMs: 0, failureThreshold: 0 };
