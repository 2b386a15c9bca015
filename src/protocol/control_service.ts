/**
 * The transport-free control contract: what the engine offers and what every transport (JSON API,
 * XML-RPC, ctl's remote client) calls. It speaks the domain: states and faults by name, an action
 * on one process resolves to that process's info, failures throw SvisorError with a fault code
 * name (BAD_NAME, NOT_RUNNING, ...). Method semantics follow supervisor's rpcinterface (§2.6, §5.3
 * of the reference).
 */

import type { DaemonStateName } from "./states.ts";
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
  UpdateStep,
} from "./types.ts";

/** Options of start and stop: wait for the outcome (default true). */
export interface WaitOptions {
  /** Wait until RUNNING (start) or stopped (stop); default true. */
  wait?: boolean;
  /** Abandons the wait (the action itself is not undone). */
  signal?: AbortSignal;
}

/** Options of update. */
export interface UpdateOptions {
  /** Told each step as it is taken (ctl prints them as supervisorctl does). */
  onStep?: (step: UpdateStep) => void;
}

/** A live subscription to a growing log: chunks as they are written. */
export interface LogFollow extends AsyncIterable<string> {
  /** Stops following. */
  close(): void;
}

/** The daemon's control surface. Names are namespecs: `name`, `group:name`, `group:*`, `group:`. */
export interface ControlService {
  /**
   * svisor only: why a process is in its state (waiting, probes, backoff, exits, requests);
   * BAD_NAME for unknown names; absent (or UNSUPPORTED) when the server is supervisord.
   */
  explainProcess?(name: string): Promise<Explanation>;
  /** svisor only: what the last start started first, and who depends on the process (BAD_NAME). */
  dependencies?(name: string): Promise<DependencyReport>;
  /**
   * svisor only: what `update` would do to the groups (`only` as for update), changing nothing:
   * the config is read but not kept. CANT_REREAD when it cannot be read.
   */
  previewUpdate?(only: readonly string[] | null): Promise<UpdatePreview>;
  /** API version, always '3.0'. */
  getAPIVersion(): Promise<string>;
  /** The supervisor version svisor matches ('4.2.5'). */
  getSupervisorVersion(): Promise<string>;
  /** The configured identifier. */
  getIdentification(): Promise<string>;
  /** Daemon state. */
  getState(): Promise<DaemonStateName>;
  /** The daemon's pid. */
  getPID(): Promise<number>;

  /** Reads the main log (offset/length rules of §5.5). */
  readLog(offset: number, length: number): Promise<string>;
  /** Tails the main log. */
  tailLog(offset: number, length: number): Promise<TailResult>;
  /** Clears the main log. */
  clearLog(): Promise<void>;
  /** Follows the main log from its current end. */
  followLog(): Promise<LogFollow>;

  /** Stops everything and exits; returns at once. */
  shutdown(): Promise<void>;
  /** Stops everything, re-reads the config, starts again; returns at once. */
  restart(): Promise<void>;

  /** One process's info; BAD_NAME for unknown names and for `g:*`. */
  getProcessInfo(name: string): Promise<ProcessInfo>;
  /** Every process's info, sorted by group then name. */
  getAllProcessInfo(): Promise<ProcessInfo[]>;
  /** Every process's config, sorted by name. */
  getAllConfigInfo(): Promise<ProcessConfigInfo[]>;

  /**
   * Starts one process and resolves to its info (NO_FILE, NOT_EXECUTABLE, ALREADY_STARTED,
   * SPAWN_ERROR, ABNORMAL_TERMINATION; BAD_NAME for a group namespec).
   */
  startProcess(name: string, options?: WaitOptions): Promise<ProcessInfo>;
  /** Starts every non-running process of a group. */
  startProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]>;
  /** Starts every non-running process. */
  startAllProcesses(options?: WaitOptions): Promise<ProcessResult[]>;
  /** Stops one process and resolves to its info (NOT_RUNNING, FAILED). */
  stopProcess(name: string, options?: WaitOptions): Promise<ProcessInfo>;
  /** Stops every running process of a group. */
  stopProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]>;
  /** Stops every running process. */
  stopAllProcesses(options?: WaitOptions): Promise<ProcessResult[]>;
  /** Sends a signal (name or number as text) to one process; resolves to its info (BAD_SIGNAL, NOT_RUNNING). */
  signalProcess(name: string, signal: string): Promise<ProcessInfo>;
  /** Signals a group. */
  signalProcessGroup(name: string, signal: string): Promise<ProcessResult[]>;
  /** Signals every process. */
  signalAllProcesses(signal: string): Promise<ProcessResult[]>;

  /** Writes to a process's stdin (NOT_RUNNING, NO_FILE). */
  sendProcessStdin(name: string, chars: string): Promise<void>;
  /** Emits a REMOTE_COMMUNICATION event. */
  sendRemoteCommEvent(type: string, data: string): Promise<void>;

  /** Re-reads the config and diffs it against the running one; applies nothing (CANT_REREAD). */
  reloadConfig(): Promise<ConfigDiff>;
  /** Adds a group from the re-read config (BAD_NAME, ALREADY_ADDED). */
  addProcessGroup(name: string): Promise<void>;
  /** Removes a stopped group (BAD_NAME, STILL_RUNNING). */
  removeProcessGroup(name: string): Promise<void>;
  /**
   * Re-reads the config and applies it as supervisorctl's `update` does (engine/update_groups.ts);
   * `only` limits it to the named groups (null: all). CANT_REREAD and SHUTDOWN_STATE throw.
   */
  update(only: readonly string[] | null, options?: UpdateOptions): Promise<UpdateReport>;

  /** Reads a process log (NO_FILE, BAD_ARGUMENTS). */
  readProcessLog(name: string, channel: Channel, offset: number, length: number): Promise<string>;
  /** Tails a process log (`['', 0, false]` when there is no file). */
  tailProcessLog(
    name: string,
    channel: Channel,
    offset: number,
    length: number,
  ): Promise<TailResult>;
  /** Follows a process log from its last `backlog` bytes (NO_FILE when the stream has no log). */
  followProcessLog(name: string, channel: Channel, backlog: number): Promise<LogFollow>;
  /** Clears both logs of a process. */
  clearProcessLogs(name: string): Promise<void>;
  /** Clears every process's logs. */
  clearAllProcessLogs(): Promise<ProcessResult[]>;
}
