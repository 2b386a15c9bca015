/**
 * The daemon's own restart reasons for one process: `max_memory` (RSS sampled while RUNNING,
 * with memory_rule's hysteresis) and `restart_schedule` (a cron expression, read with croner).
 * Nothing runs for a program that sets neither.
 */

import { Cron } from "croner";
import type { ProcessConfig } from "../config/model.ts";
import type { ActivityLog, Clock, TimerHandle } from "../core/ports.ts";
import { MEMORY_SAMPLES, memoryStep } from "../process/memory_rule.ts";
import type { MemoryReader } from "../process/probe_ports.ts";
import { type Restartable, restartProcess } from "./restart_process.ts";

/** The longest a timer may wait (setTimeout's limit); a later cron time is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the triggers need. */
export interface RestartTriggerDeps {
  clock: Clock;
  log: ActivityLog;
  /** Reads RSS; without it max_memory logs once that it cannot measure. */
  memory?: MemoryReader;
}

/** Watches one process for its memory limit and restart schedule. */
export class RestartTriggers {
  readonly #p: Restartable & { readonly config: ProcessConfig };
  readonly #deps: RestartTriggerDeps;
  readonly #off: () => void;
  readonly #cron: Cron | null;
  #memTimer: TimerHandle | null = null;
  #cronTimer: TimerHandle | null = null;
  #over = 0;
  #warned = false;

  /** Starts watching (the schedule now, the memory from the next RUNNING). */
  constructor(p: Restartable & { readonly config: ProcessConfig }, deps: RestartTriggerDeps) {
    this.#p = p;
    this.#deps = deps;
    const policy = p.config.restartPolicy;
    this.#cron = policy?.schedule ? new Cron(policy.schedule, { paused: true }) : null;
    this.#off = p.watch((r) => {
      if (r.state === "RUNNING" && this.#memTimer === null) this.#sampleLater();
      if (r.state !== "RUNNING") this.#stopSampling();
    });
    this.#scheduleNext();
  }

  /** Stops every timer. */
  dispose(): void {
    this.#off();
    this.#stopSampling();
    if (this.#cronTimer !== null) this.#deps.clock.clearTimer(this.#cronTimer);
    this.#cronTimer = null;
    this.#cron?.stop();
  }

  #sampleLater(): void {
    const policy = this.#p.config.restartPolicy;
    if (policy?.maxMemory === null || policy === undefined) return;
    this.#memTimer = this.#deps.clock.setTimer(policy.maxMemoryIntervalMs, () => {
      this.#memTimer = null;
      this.#sample(policy.maxMemory!);
      if (this.#p.record.state === "RUNNING") this.#sampleLater();
    });
  }

  #stopSampling(): void {
    if (this.#memTimer !== null) this.#deps.clock.clearTimer(this.#memTimer);
    this.#memTimer = null;
    this.#over = 0;
  }

  #sample(limit: number): void {
    const name = this.#p.config.name;
    const rss = this.#deps.memory?.rss(this.#p.record.pid) ?? null;
    if (rss === null) {
      if (!this.#warned) {
        this.#deps.log.log(
          "WARN",
          `max_memory: cannot read the memory of ${name} (pid ${this.#p.record.pid})`,
        );
      }
      this.#warned = true;
      return;
    }
    const r = memoryStep(this.#over, rss, limit);
    this.#over = r.over;
    if (!r.restart) return;
    this.#deps.log.log(
      "WARN",
      `max_memory: ${name} uses ${mb(rss)}, over ${
        mb(limit)
      } for ${MEMORY_SAMPLES} samples in a row, restarting`,
    );
    restartProcess(this.#p, "a max_memory restart", this.#deps.clock.now());
  }

  #scheduleNext(): void {
    if (this.#cron === null) return;
    const now = this.#deps.clock.now();
    const next = this.#cron.nextRun(new Date(now));
    if (next === null) return;
    const due = next.getTime();
    this.#cronTimer = this.#deps.clock.setTimer(Math.min(MAX_TIMER_MS, due - now), () => {
      this.#cronTimer = null;
      if (this.#deps.clock.now() >= due) this.#scheduled();
      this.#scheduleNext();
    });
  }

  #scheduled(): void {
    const schedule = this.#p.config.restartPolicy?.schedule ?? "";
    if (restartProcess(this.#p, "a scheduled restart", this.#deps.clock.now())) {
      this.#deps.log.log(
        "INFO",
        `restart_schedule: restarting ${this.#p.config.name} ("${schedule}")`,
      );
    }
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024) * 10) / 10} MB`;
}
