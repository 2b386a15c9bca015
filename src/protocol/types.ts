/** The wire-neutral shapes shared by the engine, the JSON API, XML-RPC and ctl (supervisor's structs). */

/** Process state names and codes, as supervisor's `states.py`. */
export const PROCESS_STATES = {
  STOPPED: 0,
  STARTING: 10,
  RUNNING: 20,
  BACKOFF: 30,
  STOPPING: 40,
  EXITED: 100,
  FATAL: 200,
  UNKNOWN: 1000,
} as const;

/** A process state name. */
export type ProcessStateName = keyof typeof PROCESS_STATES;

/** Daemon (supervisor) states: FATAL 2, RUNNING 1, RESTARTING 0, SHUTDOWN -1. */
export const DAEMON_STATES = { FATAL: 2, RUNNING: 1, RESTARTING: 0, SHUTDOWN: -1 } as const;

/** A daemon state name. */
export type DaemonStateName = keyof typeof DAEMON_STATES;

/** supervisor's getProcessInfo struct (§5.4 of the reference). */
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
  /** State code. */
  state: number;
  /** State name. */
  statename: ProcessStateName;
  /** Last spawn error, or ''. */
  spawnerr: string;
  /** Last exit status (-1 after a signal, 0 if none). */
  exitstatus: number;
  /** Deprecated alias of stdout_logfile. */
  logfile: string;
  /** stdout log path, or ''. */
  stdout_logfile: string;
  /** stderr log path, or ''. */
  stderr_logfile: string;
  /** pid, 0 when not running. */
  pid: number;
}

/** One entry of a group or all-process operation result (`startAllProcesses` and friends). */
export interface ProcessResult {
  /** Process name. */
  name: string;
  /** Group name. */
  group: string;
  /** 80 (SUCCESS) or a fault code number. */
  status: number;
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
