/**
 * `depends_on` at run time: which conditions a process still waits for, waiting until they hold,
 * starting what a process needs first, and who depends on whom for stop order and refusals.
 */

import type { Dependency } from "../config/model.ts";
import type { ActivityLog, Clock } from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import { conditionMet } from "../process/dependency_condition.ts";
import { RUNNING_STATES, STOPPED_STATES } from "../protocol/states.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** One unmet condition: the dependency and the processes of it that do not meet it. */
export interface Unmet {
  /** The dependency as configured. */
  dependency: Dependency;
  /** Its processes that do not meet the condition (empty when the program has none active). */
  slots: ProcessSlot[];
}

/** A process waiting for its dependencies. */
export interface Waiting {
  /** Wall-clock ms the wait began. */
  since: number;
}

/** The dependency rules over the active processes. */
export class DependencyGate {
  readonly #slots: () => ProcessSlot[];
  readonly #clock: Clock;
  readonly #log: ActivityLog;
  readonly #bus: EventBus;
  readonly #waiting = new Map<ProcessSlot, Waiting>();
  readonly #listeners = new Set<() => void>();

  /** Builds the gate over a live list of slots; a wait's begin and end are PROCESS_READINESS events. */
  constructor(
    slots: () => ProcessSlot[],
    deps: { clock: Clock; log: ActivityLog; bus: EventBus },
  ) {
    this.#slots = slots;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#bus = deps.bus;
  }

  /** The processes of a program. */
  program(name: string): ProcessSlot[] {
    return this.#slots().filter((s) => s.config.program === name);
  }

  /** Whether a process meets a condition. */
  meets(slot: ProcessSlot, dependency: Dependency): boolean {
    const r = slot.record;
    const checks = slot.checks;
    const ready = checks === null ? r.state === "RUNNING" : checks.ready;
    return conditionMet(dependency.condition, {
      state: r.state,
      exitstatus: r.exitstatus,
      exitcodes: slot.config.exitcodes,
      ready,
      healthy: checks === null ? ready : checks.healthy,
    });
  }

  /** The conditions of a process not met now. */
  unmet(slot: ProcessSlot): Unmet[] {
    const out: Unmet[] = [];
    for (const dependency of slot.config.dependsOn ?? []) {
      const slots = this.program(dependency.program);
      const failing = slots.filter((s) => !this.meets(s, dependency));
      if (slots.length === 0 || failing.length > 0) out.push({ dependency, slots: failing });
    }
    return out;
  }

  /** When the process began waiting, or undefined when it is not waiting. */
  waiting(slot: ProcessSlot): Waiting | undefined {
    return this.#waiting.get(slot);
  }

  /** Processes that depend on any process of `slot`'s program. */
  dependants(slot: ProcessSlot): ProcessSlot[] {
    const program = slot.config.program;
    return this.#slots().filter((s) =>
      (s.config.dependsOn ?? []).some((d) => d.program === program)
    );
  }

  /** Dependants still in a running state (the reason to refuse stopping `slot`). */
  runningDependants(slot: ProcessSlot): ProcessSlot[] {
    return this.dependants(slot).filter((s) =>
      RUNNING_STATES.has(s.record.state) || this.#waiting.has(s)
    );
  }

  /** Running or waiting dependants, direct or not, dependants of dependants first (the stop order). */
  dependantsToStop(slot: ProcessSlot): ProcessSlot[] {
    const out: ProcessSlot[] = [];
    const visit = (s: ProcessSlot, seen: Set<ProcessSlot>) => {
      for (const d of this.runningDependants(s)) {
        if (seen.has(d) || d === slot) continue;
        seen.add(d);
        visit(d, seen);
        if (!out.includes(d)) out.push(d);
      }
    };
    visit(slot, new Set());
    return out;
  }

  /** Resolves once every condition of `slot` holds; rejects with the signal's reason when aborted. */
  async waitFor(slot: ProcessSlot, signal: AbortSignal): Promise<void> {
    if (this.unmet(slot).length === 0) return;
    this.#waiting.set(slot, { since: this.#clock.now() });
    this.#notify();
    const names = this.unmet(slot).map((u) => `${u.dependency.program}:${u.dependency.condition}`);
    this.#log.log("INFO", `waiting: ${slot.name} waits for ${names.join(", ")}`);
    this.#publish(slot, "waiting", `waits for ${names.join(", ")}`);
    const offs: Array<() => void> = [];
    let met = false;
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (this.unmet(slot).length > 0) return;
          met = true;
          resolve();
        };
        for (const d of slot.config.dependsOn ?? []) {
          for (const s of this.program(d.program)) {
            offs.push(s.watch(check));
            if (s.checks !== null) offs.push(s.checks.watch(check));
          }
        }
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        offs.push(() => signal.removeEventListener("abort", onAbort));
        check();
      });
    } finally {
      for (const off of offs) off();
      this.#waiting.delete(slot);
      this.#notify();
      this.#publish(slot, "waited", met ? "dependencies met" : "wait cancelled");
    }
  }

  #publish(slot: ProcessSlot, status: "waiting" | "waited", detail: string): void {
    this.#bus.publish({
      type: "PROCESS_READINESS",
      processName: slot.config.name,
      groupName: slot.config.group,
      pid: slot.record.pid,
      status,
      detail,
      failures: 0,
    });
  }

  /**
   * Starts, dependencies first, every stopped process `slot` needs (recursively), logging
   * `starting db first: web depends on db:ready`; returns the processes started.
   */
  startNeeds(
    slot: ProcessSlot,
    start: (s: ProcessSlot) => void,
    seen = new Set<ProcessSlot>(),
  ): ProcessSlot[] {
    const started: ProcessSlot[] = [];
    seen.add(slot);
    for (const u of this.unmet(slot)) {
      for (const dep of u.slots) {
        if (seen.has(dep) || !STOPPED_STATES.has(dep.record.state)) continue;
        if (u.dependency.condition === "completed" && this.meets(dep, u.dependency)) continue;
        started.push(...this.startNeeds(dep, start, seen));
        this.#log.log(
          "INFO",
          `starting ${dep.name} first: ${slot.name} depends on ${u.dependency.program}:${u.dependency.condition}`,
        );
        start(dep);
        started.push(dep);
      }
    }
    return started;
  }

  /** Calls `fn` when a wait begins or ends; returns an unsubscribe function. */
  watch(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #notify(): void {
    for (const fn of [...this.#listeners]) fn();
  }
}
