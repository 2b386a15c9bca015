/** The daemon's current engine behind one stable ControlService (a restart swaps the engine, the servers keep the holder). */

import { SvisorError } from "../core/errors.ts";
import type { Engine } from "../engine/engine.ts";
import type {
  ControlService,
  LogFollow,
  UpdateOptions,
  WaitOptions,
} from "../protocol/control_service.ts";
import type { DaemonStateName } from "../protocol/states.ts";
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

/** Forwards every call to the engine of the moment; SHUTDOWN_STATE while there is none. */
export class EngineHolder implements ControlService {
  /** The running engine, or null between a stop and the next start. */
  engine: Engine | null = null;

  #on<T>(call: (engine: Engine) => Promise<T>): Promise<T> {
    const engine = this.engine;
    if (engine === null) return Promise.reject(new SvisorError("SHUTDOWN_STATE", ""));
    return call(engine);
  }

  getAPIVersion(): Promise<string> {
    return this.#on((e) => e.getAPIVersion());
  }
  getSupervisorVersion(): Promise<string> {
    return this.#on((e) => e.getSupervisorVersion());
  }
  getIdentification(): Promise<string> {
    return this.#on((e) => e.getIdentification());
  }
  getState(): Promise<DaemonStateName> {
    return this.#on((e) => e.getState());
  }
  getPID(): Promise<number> {
    return this.#on((e) => e.getPID());
  }
  readLog(offset: number, length: number): Promise<string> {
    return this.#on((e) => e.readLog(offset, length));
  }
  tailLog(offset: number, length: number): Promise<TailResult> {
    return this.#on((e) => e.tailLog(offset, length));
  }
  clearLog(): Promise<void> {
    return this.#on((e) => e.clearLog());
  }
  followLog(): Promise<LogFollow> {
    return this.#on((e) => e.followLog());
  }
  shutdown(): Promise<void> {
    return this.#on((e) => e.shutdown());
  }
  restart(): Promise<void> {
    return this.#on((e) => e.restart());
  }
  getProcessInfo(name: string): Promise<ProcessInfo> {
    return this.#on((e) => e.getProcessInfo(name));
  }
  previewUpdate(only: readonly string[] | null): Promise<UpdatePreview> {
    return this.#on((e) => e.previewUpdate(only));
  }
  dependencies(name: string): Promise<DependencyReport> {
    return this.#on((e) => e.dependencies(name));
  }
  explainProcess(name: string): Promise<Explanation> {
    return this.#on((e) => e.explainProcess(name));
  }
  getAllProcessInfo(): Promise<ProcessInfo[]> {
    return this.#on((e) => e.getAllProcessInfo());
  }
  getAllConfigInfo(): Promise<ProcessConfigInfo[]> {
    return this.#on((e) => e.getAllConfigInfo());
  }
  startProcess(name: string, options?: WaitOptions): Promise<ProcessInfo> {
    return this.#on((e) => e.startProcess(name, options));
  }
  startProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    return this.#on((e) => e.startProcessGroup(name, options));
  }
  startAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    return this.#on((e) => e.startAllProcesses(options));
  }
  stopProcess(name: string, options?: WaitOptions): Promise<ProcessInfo> {
    return this.#on((e) => e.stopProcess(name, options));
  }
  stopProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    return this.#on((e) => e.stopProcessGroup(name, options));
  }
  stopAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    return this.#on((e) => e.stopAllProcesses(options));
  }
  signalProcess(name: string, signal: string): Promise<ProcessInfo> {
    return this.#on((e) => e.signalProcess(name, signal));
  }
  signalProcessGroup(name: string, signal: string): Promise<ProcessResult[]> {
    return this.#on((e) => e.signalProcessGroup(name, signal));
  }
  signalAllProcesses(signal: string): Promise<ProcessResult[]> {
    return this.#on((e) => e.signalAllProcesses(signal));
  }
  sendProcessStdin(name: string, chars: string): Promise<void> {
    return this.#on((e) => e.sendProcessStdin(name, chars));
  }
  sendRemoteCommEvent(type: string, data: string): Promise<void> {
    return this.#on((e) => e.sendRemoteCommEvent(type, data));
  }
  reloadConfig(): Promise<ConfigDiff> {
    return this.#on((e) => e.reloadConfig());
  }
  addProcessGroup(name: string): Promise<void> {
    return this.#on((e) => e.addProcessGroup(name));
  }
  removeProcessGroup(name: string): Promise<void> {
    return this.#on((e) => e.removeProcessGroup(name));
  }
  update(only: readonly string[] | null, options?: UpdateOptions): Promise<UpdateReport> {
    return this.#on((e) => e.update(only, options));
  }
  readProcessLog(name: string, channel: Channel, offset: number, length: number): Promise<string> {
    return this.#on((e) => e.readProcessLog(name, channel, offset, length));
  }
  tailProcessLog(
    name: string,
    channel: Channel,
    offset: number,
    length: number,
  ): Promise<TailResult> {
    return this.#on((e) => e.tailProcessLog(name, channel, offset, length));
  }
  followProcessLog(name: string, channel: Channel, backlog: number): Promise<LogFollow> {
    return this.#on((e) => e.followProcessLog(name, channel, backlog));
  }
  clearProcessLogs(name: string): Promise<void> {
    return this.#on((e) => e.clearProcessLogs(name));
  }
  clearAllProcessLogs(): Promise<ProcessResult[]> {
    return this.#on((e) => e.clearAllProcessLogs());
  }
}
