/**
 * The domain shapes of the control service, shared by the engine, the JSON API and ctl: states and
 * faults by name. XML-RPC adds supervisor's numbers and aliases (protocol/rpc_values.ts).
 */

import type { FaultCode } from "../core/errors.ts";
import type { ProcessStateName } from "./states.ts";

/** supervisor's getProcessInfo struct (§5.4 of the reference), without the wire's state code and `logfile` alias. */
export interface ProcessInfo {
  /** Process name. */
  name: string;
  /** Group name. */
  group: string;
  /** Human description: `pid 12, uptime 0:01:02`, a spawn error, a stop time, `Not started`. */
  description: string;
  /** Last start, epoch seconds (0 if never). */
  start: number;
  /** Last stop, epoch seconds (0 if never). */
  stop: number;
  /** Now, epoch seconds. */
  now: number;
  /** State name. */
  statename: ProcessStateName;
  /** Last spawn error, or ''. */
  spawnerr: string;
  /** Last exit status (-1 after a signal, 0 if none). */
  exitstatus: number;
  /** stdout log path, or ''. */
  stdout_logfile: string;
  /** stderr log path, or ''. */
  stderr_logfile: string;
  /** pid, 0 when not running. */
  pid: number;
  /**
   * svisor only, and only for programs with readiness, health or dependency options: `ready`,
   * `unready`, `failed`, `unhealthy` (RUNNING) or `waiting` (for its dependencies); '' otherwise.
   */
  readiness?: string;
}

/** One entry of a group or all-process operation result (`startAllProcesses` and friends). */
export interface ProcessResult {
  /** Process name. */
  name: string;
  /** Group name. */
  group: string;
  /** SUCCESS, or the fault that stopped this process's action. */
  status: FaultCode;
  /** 'OK' or the fault text. */
  description: string;
}

/** One entry of getAllConfigInfo (4.2.5 fields). */
export interface ProcessConfigInfo {
  autostart: boolean;
  directory: string | null;
  uid: number | null;
  command: string;
  exitcodes: number[];
  group: string;
  group_prio: number;
  inuse: boolean;
  killasgroup: boolean;
  name: string;
  process_prio: number;
  redirect_stderr: boolean;
  startretries: number;
  startsecs: number;
  stdout_capture_maxbytes: number;
  stdout_events_enabled: boolean;
  stdout_logfile: string;
  stdout_logfile_backups: number;
  stdout_logfile_maxbytes: number;
  stdout_syslog: boolean;
  stderr_capture_maxbytes: number;
  stderr_events_enabled: boolean;
  stderr_logfile: string;
  stderr_logfile_backups: number;
  stderr_logfile_maxbytes: number;
  stderr_syslog: boolean;
  stopsignal: number;
  stopwaitsecs: number;
  serverurl: string;
}

/** Result of reloadConfig: group names added, changed, removed (supervisor wraps it as [[a, c, r]]). */
export interface ConfigDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A chunk of a log read by tail: supervisor's `[bytes, offset, overflow]`. */
export interface TailResult {
  /** The text read (UTF-8 decoded). */
  text: string;
  /** The new offset (the file size). */
  offset: number;
  /** Whether more was available than returned. */
  overflow: boolean;
}

/** Which output stream of a process. */
export type Channel = "stdout" | "stderr";

/**
 * One step of an update, in supervisorctl's order and words: `stopped`, `removed` (process group),
 * `updated`, `added`; `not-removed` when a removed group's stop failed ("has problems; not
 * removing"); `no-such-group` for a named group that is neither active nor added.
 */
export interface UpdateStep {
  /** The group. */
  group: string;
  /** What happened to it. */
  step: "stopped" | "removed" | "updated" | "added" | "not-removed" | "no-such-group";
}

/** What an update did: groups per outcome, and groups left alone with the reason. */
export interface UpdateReport {
  /** Groups added. */
  added: string[];
  /** Groups stopped, removed and added again with their new config. */
  changed: string[];
  /** Groups stopped and removed. */
  removed: string[];
  /** Groups not handled: `no such group`, `has problems; not removing`. */
  problems: { group: string; message: string }[];
}

/** `why NAME`: svisor's explanation of a process's state, one screen of lines. */
export interface Explanation {
  /** `group:name` or `name`. */
  namespec: string;
  /** The state. */
  statename: ProcessStateName;
  /** The readiness word ('' when the program uses no checks). */
  readiness: string;
  /** The explanation, first line the state and the reason. */
  lines: string[];
}

/** One option that `update` would change: `web command: "/bin/a" -> "/bin/b"`. */
export interface OptionChange {
  /** The process (a numprocs member) or '' for a group option. */
  process: string;
  /** The option as written in the config (`startsecs`, `stdout_logfile`). */
  option: string;
  /** The active value as text (`(none)` when the process is new). */
  old: string;
  /** The re-read value as text (`(none)` when the process is gone). */
  new: string;
}

/** What `update` would do to one group. */
export interface GroupPreview {
  /** The group. */
  group: string;
  /** added, removed or changed. */
  change: "added" | "removed" | "changed";
  /** For changed groups: every option that differs. */
  options: OptionChange[];
  /** Namespecs that are running now and would be stopped (and, when changed, re-added). */
  stops: string[];
  /** Namespecs that would be started by autostart once the group is (re-)added. */
  starts: string[];
}

/** `update --dry-run`: the groups update would touch, and named groups it would report. */
export interface UpdatePreview {
  /** Groups in the order update handles them: removed, changed, added. */
  groups: GroupPreview[];
  /** Named groups update would report (`no such group`). */
  problems: { group: string; message: string }[];
}

/** A process's dependency facts for ctl (`start` says what it started first, `stop --with-dependants`). */
export interface DependencyReport {
  /** Namespecs the last start of this process started first (its stopped dependencies). */
  startedFirst: string[];
  /** Namespecs of the processes that depend on it, directly or not, running or waiting, dependants first. */
  dependants: string[];
}
