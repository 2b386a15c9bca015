/**
 * The transport-free service: the set of process groups, startup and shutdown order, the reload
 * diff, and every ControlService method with supervisor's semantics and fault codes.
 */

import type { Config } from "../config/model.ts";
import { type FaultCode, SvisorError } from "../core/errors.ts";
import { processInfo } from "../process/process_info.ts";
import type {
  ControlService,
  LogFollow,
  UpdateOptions,
  WaitOptions,
} from "../protocol/control_service.ts";
import { faultString } from "../protocol/faults.ts";
import { type DaemonStateName, RUNNING_STATES, STOPPED_STATES } from "../protocol/states.ts";
import type {
  Channel,
  ConfigDiff,
  DependencyReport,
  Explanation,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
  UpdatePreview,
  UpdateReport,
} from "../protocol/types.ts";
import { API_VERSION, SUPERVISOR_VERSION } from "../protocol/versions.ts";
import { diffGroups } from "./config_diff.ts";
import { EventPlumbing } from "./event_plumbing.ts";
import { configInfo } from "./config_info.ts";
import type { EngineDeps } from "./engine_deps.ts";
import * as logs from "./engine_logs.ts";
import { beginStart, beginStop, type ControlContext, sendSignal } from "./process_control.ts";
import {
  CTL_STOP_REQUEST,
  noteRequest,
  signalMany,
  START_REQUEST,
  startMany,
  stopMany,
} from "./control_requests.ts";
import { GroupRegistry, namespecOf } from "./group_registry.ts";
import type { ProcessGroup } from "./process_group.ts";
import type { ProcessSlot } from "./process_slot.ts";
import { shutdownGroups } from "./shutdown_sequence.ts";
import { updateGroups } from "./update_groups.ts";
import { DependencyGate } from "./dependency_gate.ts";
import { dependencyOrder } from "./dependency_order.ts";
import { explainProcess } from "./explain_process.ts";
import { previewUpdate } from "./update_preview.ts";

/** Builds the engine over a config; nothing runs until `start()`. */
export function createEngine(config: Config, deps: EngineDeps): Engine {
  return new Engine(config, deps);
}

/** The engine: ControlService plus the daemon's lifecycle calls (start, shutdownProcesses, reopenLogs). */
export class Engine implements ControlService, AsyncDisposable {
  readonly #deps: EngineDeps;
  readonly #groups: GroupRegistry;
  readonly #identifier: string;
  readonly #ctl: ControlContext;
  readonly #life = new AbortController();
  readonly #events: EventPlumbing;
  readonly #gate: DependencyGate;
  #config: Config;
  #mood: DaemonStateName = "RUNNING";
  #stopping: Promise<void> | null = null;
  #disposed = false;

  /** Makes the groups of the config (AUTO log names are chosen now). */
  constructor(config: Config, deps: EngineDeps) {
    this.#deps = deps;
    this.#config = config;
    this.#identifier = deps.identifier ?? config.supervisord?.identifier ?? "supervisor";
    this.#groups = new GroupRegistry(deps, {
      childlogdir: deps.childlogdir ?? config.supervisord?.childlogdir ?? "/tmp",
      identifier: this.#identifier,
      stripAnsi: config.supervisord?.stripAnsi ?? false,
    }, () => this.#mood !== "RUNNING");
    this.#ctl = { probe: deps.probe, env: deps.env, clock: deps.clock, log: deps.log };
    this.#events = new EventPlumbing(deps, this.#identifier);
    for (const g of config.groups) this.#groups.add(g);
    this.#gate = new DependencyGate(() => this.#groups.slots(), deps);
  }

  // ---- lifecycle (called by the daemon) ----

  /** Announces the groups and RUNNING, then autostarts in ascending group then process priority. */
  start(): void {
    for (const g of this.#groups.groups()) {
      this.#events.attach(g);
      this.#deps.bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: g.name });
    }
    this.#deps.bus.publish({ type: "SUPERVISOR_STATE_CHANGE_RUNNING" });
    this.#events.startTicks();
    for (const g of dependencyOrder(this.#groups.byPriority())) this.#autostart(g);
  }

  /**
   * Stops everything for exit or restart: groups one at a time in descending priority (BACKOFF
   * gives up to FATAL); resolves when every process is in a stopped state. Idempotent.
   */
  shutdownProcesses(mood: "SHUTDOWN" | "RESTARTING" = "SHUTDOWN"): Promise<void> {
    if (this.#stopping !== null) return this.#stopping;
    this.#mood = mood;
    for (const slot of this.#groups.slots()) {
      noteRequest(slot, `the daemon's ${mood.toLowerCase()}`, this.#deps.clock);
    }
    this.#deps.bus.publish({ type: "SUPERVISOR_STATE_CHANGE_STOPPING" });
    this.#stopping = shutdownGroups(
      () => dependencyOrder(this.#groups.byPriority()),
      this.#deps,
      this.#life.signal,
    );
    return this.#stopping;
  }

  /** Reopens every child log (SIGUSR2). */
  async reopenLogs(): Promise<void> {
    for (const slot of this.#groups.slots()) {
      await slot.stdout.reopen();
      await slot.stderr?.reopen();
    }
  }

  /** Stops every timer, abandons every wait and closes every sink (children are not signalled). */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#life.abort(new SvisorError("FAILED", "engine disposed"));
    this.#events.dispose();
    for (const slot of this.#groups.slots()) await slot.dispose();
    for (const group of this.#groups.groups()) group.closeSocket();
  }

  /** The daemon state as this engine sees it (RUNNING until a shutdown or restart begins). */
  get daemonState(): DaemonStateName {
    return this.#mood;
  }

  /** Every process slot, groups in priority order (for metrics, health and sd_notify STATUS). */
  processes(): readonly ProcessSlot[] {
    return this.#groups.slotsByPriority();
  }

  /** One process slot by group and name (a map lookup: the vital watch asks on every state change). */
  process(group: string, name: string): ProcessSlot | undefined {
    return this.#groups.find(group)?.get(name);
  }

  /** Each event listener pool's buffer fill and overflows (for metrics). */
  listenerPools(): ReturnType<EventPlumbing["poolStats"]> {
    return this.#events.poolStats();
  }

  // ---- identity and state ----

  getAPIVersion(): Promise<string> {
    return this.#run(() => API_VERSION);
  }
  getSupervisorVersion(): Promise<string> {
    return this.#run(() => SUPERVISOR_VERSION);
  }
  getIdentification(): Promise<string> {
    return this.#run(() => this.#identifier);
  }
  getState(): Promise<DaemonStateName> {
    return this.#run(() => this.#mood);
  }
  getPID(): Promise<number> {
    return this.#run(() => this.#deps.pid);
  }

  // ---- main log ----

  readLog(offset: number, length: number): Promise<string> {
    return this.#run(() => logs.readMainLog(this.#deps.mainLog, offset, length, this.#deps.reader));
  }
  tailLog(offset: number, length: number): Promise<TailResult> {
    return this.#run(() => logs.tailMainLog(this.#deps.mainLog, offset, length, this.#deps.reader));
  }
  clearLog(): Promise<void> {
    return this.#run(() => logs.clearMainLog(this.#deps.mainLog));
  }
  followLog(): Promise<LogFollow> {
    return this.#run(() => logs.followMainLog(this.#deps.bus));
  }

  // ---- daemon control ----

  shutdown(): Promise<void> {
    return this.#run(() => {
      this.#mood = "SHUTDOWN";
      this.#deps.requestShutdown?.();
    });
  }
  restart(): Promise<void> {
    return this.#run(() => {
      this.#mood = "RESTARTING";
      this.#deps.requestRestart?.();
    });
  }

  // ---- info ----

  getProcessInfo(name: string): Promise<ProcessInfo> {
    return this.#run(() => this.#info(this.#groups.process(name)));
  }
  dependencies(name: string): Promise<DependencyReport> {
    return this.#run(() => {
      const slot = this.#groups.process(name);
      return {
        startedFirst: [...slot.startedFirst],
        dependants: this.#gate.dependantsToStop(slot).map(namespecOf),
      };
    });
  }
  explainProcess(name: string): Promise<Explanation> {
    return this.#run(() => {
      const slot = this.#groups.process(name);
      return explainProcess(slot, {
        gate: this.#gate,
        clock: this.#deps.clock,
        word: this.#info(slot).readiness ?? "",
      });
    });
  }
  getAllProcessInfo(): Promise<ProcessInfo[]> {
    return this.#run(() => this.#groups.slotsLexical().map((s) => this.#info(s)));
  }
  getAllConfigInfo(): Promise<ProcessConfigInfo[]> {
    return this.#run(() =>
      configInfo(this.#config, {
        isActive: (g) => this.#groups.has(g),
        activePath: (p, channel) => {
          const slot = this.#groups.find(p.group)?.get(p.name);
          if (slot === undefined || slot.config !== p) return undefined;
          return slot.capture(channel)?.path ?? null;
        },
        users: this.#deps.users,
      })
    );
  }

  // ---- start, stop, signal ----

  startProcess(name: string, options: WaitOptions = {}): Promise<ProcessInfo> {
    return this.#run(async () => {
      const slot = this.#groups.process(name);
      const wait = this.#waitOf(options);
      noteRequest(slot, START_REQUEST, this.#deps.clock);
      slot.startedFirst = [];
      if (slot.config.dependsOn !== undefined && !RUNNING_STATES.has(slot.record.state)) {
        slot.startedFirst = this.#gate.startNeeds(slot, (s) => {
          noteRequest(s, `a start of ${name}`, this.#deps.clock);
          s.dispatch({ type: "start" });
        }).map(namespecOf);
        await this.#gate.waitFor(slot, wait.signal);
      }
      await beginStart(slot, name, this.#ctl, wait);
      return this.#info(slot);
    });
  }
  startProcessGroup(name: string, options: WaitOptions = {}): Promise<ProcessResult[]> {
    return this.#run(() =>
      startMany(this.#groups.group(name).byPriority(), this.#ctl, this.#waitOf(options))
    );
  }
  startAllProcesses(options: WaitOptions = {}): Promise<ProcessResult[]> {
    return this.#run(() =>
      startMany(this.#groups.slotsByPriority(), this.#ctl, this.#waitOf(options))
    );
  }
  stopProcess(name: string, options: WaitOptions = {}): Promise<ProcessInfo> {
    return this.#run(async () => {
      const slot = this.#groups.process(name);
      const dependants = RUNNING_STATES.has(slot.record.state)
        ? this.#gate.runningDependants(slot).filter((s) => s !== slot)
        : [];
      if (dependants.length > 0) {
        const names = dependants.map(namespecOf).join(", ");
        throw new SvisorError(
          "FAILED",
          `${names} depends on ${name}; stop ${names} first, or use stop --with-dependants`,
        );
      }
      if (RUNNING_STATES.has(slot.record.state)) {
        noteRequest(slot, CTL_STOP_REQUEST, this.#deps.clock);
      }
      await beginStop(slot, name, this.#ctl, this.#waitOf(options));
      return this.#info(slot);
    });
  }
  stopProcessGroup(name: string, options: WaitOptions = {}): Promise<ProcessResult[]> {
    return this.#run(() =>
      stopMany(this.#groups.group(name).byPriority(), this.#ctl, this.#waitOf(options))
    );
  }
  stopAllProcesses(options: WaitOptions = {}): Promise<ProcessResult[]> {
    return this.#run(() =>
      stopMany(this.#groups.slotsByPriority(), this.#ctl, this.#waitOf(options))
    );
  }
  signalProcess(name: string, signal: string): Promise<ProcessInfo> {
    return this.#run(() => {
      const slot = this.#groups.process(name);
      sendSignal(slot, name, signal);
      return this.#info(slot);
    });
  }
  signalProcessGroup(name: string, signal: string): Promise<ProcessResult[]> {
    return this.#run(() => signalMany(this.#groups.group(name).byPriority(), signal));
  }
  signalAllProcesses(signal: string): Promise<ProcessResult[]> {
    return this.#run(() => signalMany(this.#groups.slotsByPriority(), signal));
  }

  // ---- stdin and remote events ----

  sendProcessStdin(name: string, chars: string): Promise<void> {
    return this.#run(async () => {
      if (typeof chars !== "string") throw new SvisorError("INCORRECT_PARAMETERS", String(chars));
      await this.#groups.process(name).writeStdin(new TextEncoder().encode(chars));
    });
  }
  sendRemoteCommEvent(type: string, data: string): Promise<void> {
    this.#deps.bus.publish({ type: "REMOTE_COMMUNICATION", commType: type, data });
    return Promise.resolve();
  }

  // ---- config reload ----

  reloadConfig(): Promise<ConfigDiff> {
    return this.#run(async () => {
      const next = await this.#readConfig();
      this.#config = next;
      return diffGroups(this.#groups.groups().map((g) => g.config), next.groups);
    });
  }
  addProcessGroup(name: string): Promise<void> {
    return this.#run(() => {
      const config = this.#config.groups.find((g) => g.name === name);
      if (config === undefined) throw new SvisorError("BAD_NAME", name);
      if (this.#groups.has(name)) throw new SvisorError("ALREADY_ADDED", name);
      const group = this.#groups.add(config);
      this.#events.attach(group);
      this.#deps.bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: name });
      this.#autostart(group);
    });
  }
  removeProcessGroup(name: string): Promise<void> {
    return this.#run(async () => {
      const group = this.#groups.group(name);
      if (group.slots.some((s) => !STOPPED_STATES.has(s.record.state))) {
        throw new SvisorError("STILL_RUNNING", name);
      }
      this.#groups.delete(name);
      this.#events.detach(name);
      for (const slot of group.slots) await slot.dispose();
      this.#deps.bus.publish({ type: "PROCESS_GROUP_REMOVED", groupName: name });
    });
  }
  previewUpdate(only: readonly string[] | null): Promise<UpdatePreview> {
    return this.#run(async () => {
      const next = await this.#readConfig();
      const active = this.#groups.groups().map((g) => ({
        config: g.config,
        running: g.slots.filter((s) => !STOPPED_STATES.has(s.record.state)).map(namespecOf),
      }));
      return previewUpdate(active, next.groups, only);
    });
  }
  update(only: readonly string[] | null, options: UpdateOptions = {}): Promise<UpdateReport> {
    return this.#run(() => updateGroups(this, only, options));
  }

  // ---- process logs ----

  readProcessLog(name: string, channel: Channel, offset: number, length: number): Promise<string> {
    return this.#run(() =>
      logs.readProcessLog(this.#groups.process(name), channel, offset, length, this.#deps.reader)
    );
  }
  tailProcessLog(
    name: string,
    channel: Channel,
    offset: number,
    length: number,
  ): Promise<TailResult> {
    return this.#run(() =>
      logs.tailProcessLog(this.#groups.process(name), channel, offset, length, this.#deps.reader)
    );
  }
  followProcessLog(name: string, channel: Channel, backlog: number): Promise<LogFollow> {
    return this.#run(() =>
      logs.followProcessLog(
        this.#groups.process(name),
        channel,
        backlog,
        this.#deps.reader,
        this.#deps.bus,
      )
    );
  }
  clearProcessLogs(name: string): Promise<void> {
    return this.#run(async () => {
      const slot = this.#groups.process(name);
      try {
        await slot.stdout.clear();
        await slot.stderr?.clear();
      } catch (e) {
        throw new SvisorError("FAILED", name, { cause: e });
      }
    });
  }
  clearAllProcessLogs(): Promise<ProcessResult[]> {
    return this.#run(async () => {
      const results: ProcessResult[] = [];
      for (const slot of this.#groups.slotsByPriority()) {
        await this.clearProcessLogs(namespecOf(slot)).then(
          () => results.push(result(slot, "SUCCESS", "OK")),
          (e: SvisorError) => results.push(result(slot, e.code, faultString(e.code, e.message))),
        );
      }
      return results;
    });
  }

  // ---- internals ----

  /** Runs a method body, faulting with SHUTDOWN_STATE unless the daemon is RUNNING. */
  async #run<T>(body: () => T | Promise<T>): Promise<T> {
    if (this.#mood !== "RUNNING") throw new SvisorError("SHUTDOWN_STATE", "");
    this.#deps.pacer?.noteRequest?.();
    return await body();
  }

  /** Re-reads the config (CANT_REREAD when it cannot be read). */
  async #readConfig(): Promise<Config> {
    try {
      return await this.#deps.loadConfig();
    } catch (e) {
      throw new SvisorError("CANT_REREAD", e instanceof Error ? e.message : String(e));
    }
  }

  #autostart(group: ProcessGroup): void {
    const pacer = this.#deps.pacer;
    for (const slot of group.byPriority()) {
      if (slot.config.dependsOn !== undefined) {
        if (slot.config.autostart) this.#autostartAfterNeeds(slot);
      } else if (pacer === undefined) slot.dispatch({ type: "autostart" });
      else pacer.run(() => slot.dispatch({ type: "autostart" }), { bulk: true });
    }
  }

  /** Autostarts a process once its dependencies hold (abandoned at dispose). */
  #autostartAfterNeeds(slot: ProcessSlot): void {
    this.#gate.waitFor(slot, this.#life.signal).then(
      () => slot.dispatch({ type: "autostart" }),
      () => {/* the engine was disposed while waiting: nothing to start */},
    );
  }

  #waitOf(options: WaitOptions): { wait: boolean; signal: AbortSignal } {
    const life = this.#life.signal;
    const signal = options.signal === undefined ? life : AbortSignal.any([options.signal, life]);
    return { wait: options.wait ?? true, signal };
  }

  #info(slot: ProcessSlot): ProcessInfo {
    const info = processInfo(slot.record, {
      name: slot.name,
      group: slot.group,
      stdoutLogfile: slot.stdout.path,
      stderrLogfile: slot.stderr?.path ?? null,
      now: this.#deps.clock.now(),
    });
    const config = slot.config;
    if (slot.checks === null && config.dependsOn === undefined) return info;
    const word = this.#gate.waiting(slot) !== undefined ? "waiting" : slot.checks?.word() ?? "";
    return { ...info, readiness: word };
  }
}

function result(slot: ProcessSlot, status: FaultCode, description: string): ProcessResult {
  return { name: slot.name, group: slot.group, status, description };
}
