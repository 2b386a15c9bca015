/** The typed, resolved configuration model: plain data with no I/O, shared by daemon, ctl and check. */

import type { ConfigLocation } from "../core/errors.ts";

/** `autorestart`: always, never, or when the exit code is not in `exitcodes`. */
export type AutoRestart = "true" | "false" | "unexpected";

/** A child log destination: a path, AUTO (a file in childlogdir), or none. */
export type LogTarget =
  | { kind: "file"; path: string }
  | { kind: "auto" }
  | { kind: "none" };

/** The six per-stream log options of a program (`stdout_*` or `stderr_*`). */
export interface StreamLogConfig {
  /** Where the stream goes. */
  logfile: LogTarget;
  /** Rotate when the file reaches this many bytes; 0 never rotates. */
  maxbytes: number;
  /** How many rotated files to keep. */
  backups: number;
  /** Capture-mode buffer size; 0 disables capture mode. */
  captureMaxbytes: number;
  /** Emit PROCESS_LOG events per chunk. */
  eventsEnabled: boolean;
  /** Also send to syslog. */
  syslog: boolean;
}

/** When a vital process takes the daemon down, and with which exit status. */
export interface VitalConfig {
  /** `fatal`: when it enters FATAL; `exit`: when it exits (EXITED or FATAL) without a stop request. */
  on: "fatal" | "exit";
  /** The daemon's exit status (1 to 255). */
  exitcode: number;
}

/** What kind of section a process came from. */
export type ProgramKind = "program" | "fcgi-program" | "eventlistener";

/** One process, fully expanded (one per numprocs member). */
export interface ProcessConfig {
  /** The process name (`process_name` expanded). */
  name: string;
  /** The group this process belongs to. */
  group: string;
  /** The section's program name (text after `program:`). */
  program: string;
  /** Which section kind it came from. */
  kind: ProgramKind;
  /** The command line as written, after expansion. */
  command: string;
  /** `process_num` of this member. */
  processNum: number;
  /** Lower starts first and stops last. */
  priority: number;
  /** Start when the daemon starts or the group is added. */
  autostart: boolean;
  /** Seconds a process must stay up to count as RUNNING. */
  startsecs: number;
  /** Retries from BACKOFF before FATAL. */
  startretries: number;
  /** Restart policy after RUNNING. */
  autorestart: AutoRestart;
  /** Expected exit codes. */
  exitcodes: number[];
  /** Signal name without `SIG`, e.g. `TERM`. */
  stopsignal: string;
  /** Seconds before SIGKILL. */
  stopwaitsecs: number;
  /** Send stopsignal to the process group. */
  stopasgroup: boolean;
  /** Send SIGKILL to the process group. */
  killasgroup: boolean;
  /** User name or uid to run as, or null. */
  user: string | null;
  /** Send stderr to the stdout pipe. */
  redirectStderr: boolean;
  /** stdout log options. */
  stdout: StreamLogConfig;
  /** stderr log options. */
  stderr: StreamLogConfig;
  /** The program's own `environment=` (already merged over [supervisord] environment). */
  environment: Record<string, string>;
  /** Working directory, or null. */
  directory: string | null;
  /** umask for the child, or null to inherit. */
  umask: number | null;
  /** SUPERVISOR_SERVER_URL for the child: a URL, or null when there is no server. */
  serverurl: string | null;
  /** Event listener options, only for `eventlistener` sections. */
  eventlistener?: { events: string[]; bufferSize: number; resultHandler: string };
  /** svisor's `vital=`: when this process stops the daemon (absent: it never does). */
  vital?: VitalConfig;
  /** `readiness_check` and its timing; absent when the program uses none of it (startsecs). */
  readiness?: ReadinessConfig;
  /** `healthcheck` and its timing; absent when the program has none. */
  health?: HealthConfig;
  /** The restart policy; absent when none of its options is set. */
  restartPolicy?: RestartPolicy;
  /** `depends_on`; absent when the program has none. */
  dependsOn?: Dependency[];
  /** Where `depends_on` is written, for graph errors. */
  dependsOnAt?: ConfigLocation;
  /** fcgi options, only for `fcgi-program` sections. */
  fcgi?: {
    socket: string;
    socketBacklog: number | null;
    socketOwner: string | null;
    socketMode: number;
  };
}

/** A probe svisor runs itself (connect, request, command). */
export type ActiveProbe =
  | { kind: "tcp"; host: string; port: number }
  | { kind: "http"; url: string; statusMin: number; statusMax: number }
  | { kind: "command"; command: string };

/** A readiness source: startsecs (supervisord's meaning), an active probe, or a signal from the child. */
export type ProbeSpec =
  | { kind: "startsecs" }
  | ActiveProbe
  | { kind: "log"; pattern: string }
  | { kind: "notify" }
  | { kind: "fd"; fd: number };

/** When a probe runs and when it gives up, in milliseconds. */
export interface ProbeTiming {
  /** Between the end of one probe and the start of the next. */
  intervalMs: number;
  /** How long one probe may take before it counts as failed. */
  timeoutMs: number;
  /** Wait after RUNNING before the first probe. */
  initialDelayMs: number;
  /** Failures in a row that count (readiness: give up; health: act); 0 never gives up. */
  failureThreshold: number;
}

/** `readiness_*`: what makes a RUNNING process READY. */
export interface ReadinessConfig {
  /** The source. */
  probe: ProbeSpec;
  /** Its timing (unused by startsecs, log and notify, which wait for the child). */
  timing: ProbeTiming;
}

/** `healthcheck_*`: a liveness probe run while RUNNING (after READY). */
export interface HealthConfig {
  /** The probe. */
  probe: ActiveProbe;
  /** Its timing. */
  timing: ProbeTiming;
  /** After failureThreshold failures in a row: restart the process, or only mark it unhealthy. */
  action: "restart" | "mark";
}

/** A `depends_on` condition on another program. */
export type DependencyCondition = "started" | "running" | "ready" | "healthy" | "completed";

/** One `depends_on` entry: every process of `program` must meet `condition`. */
export interface Dependency {
  /** The program (section) name. */
  program: string;
  /** The condition. */
  condition: DependencyCondition;
}

/** svisor's restart policy options; absent when none is set (supervisord's behaviour). */
export interface RestartPolicy {
  /** `backoff_max`: the longest wait between retries in ms, or null for supervisord's (1 s, 2 s, 3 s, ...). */
  backoffMaxMs: number | null;
  /** `backoff_jitter`: each wait is changed by up to this fraction either way (0..1). */
  jitter: number;
  /** `retry_forever`: never give up to FATAL (startretries is ignored). */
  forever: boolean;
  /** `min_uptime`: an exit sooner than this after the start counts as a failed start (0: off). */
  minUptimeMs: number;
  /** `start_limit_burst`: at most this many starts per `start_limit_interval` (0: no limit). */
  startLimitBurst: number;
  /** `start_limit_interval` in ms. */
  startLimitIntervalMs: number;
  /** `max_memory`: restart when the process's RSS stays above this many bytes, or null. */
  maxMemory: number | null;
  /** `max_memory_interval`: how often RSS is read, in ms. */
  maxMemoryIntervalMs: number;
  /** `restart_schedule`: a cron expression for scheduled restarts, or null. */
  schedule: string | null;
}

/** A process group: a `[group:x]` or the implicit group of one program. */
export interface GroupConfig {
  /** The group name. */
  name: string;
  /** Group priority (from `[group:x]`, else the program's). */
  priority: number;
  /** Whether it is a `[group:x]` section (namespecs then read `group:proc`). */
  explicit: boolean;
  /** Member processes, in config order. */
  processes: ProcessConfig[];
}

/** `[unix_http_server]`. */
export interface UnixServerConfig {
  /** The section name as written. */
  section: string;
  /** Socket path, absolute. */
  file: string;
  /** Socket mode. */
  chmod: number;
  /** `user[:group]` to chown to, or null. */
  chown: string | null;
  /** Basic-auth user, or null. */
  username: string | null;
  /** Password, plain or `{SHA}` + hex, or null. */
  password: string | null;
}

/** `[inet_http_server]`. */
export interface InetServerConfig {
  /** The section name as written. */
  section: string;
  /** Host to bind ('' means every interface). */
  host: string;
  /** TCP port. */
  port: number;
  /** Basic-auth user, or null. */
  username: string | null;
  /** Password, plain or `{SHA}` + hex, or null. */
  password: string | null;
}

/** `[supervisorctl]`. */
export interface CtlConfig {
  /** `unix:///path` or `http://host:port`. */
  serverurl: string;
  /** Basic-auth user, or null. */
  username: string | null;
  /** Cleartext password, or null. */
  password: string | null;
  /** Shell prompt (without `> `). */
  prompt: string;
  /** readline history file, or null. */
  historyFile: string | null;
}

/** `[supervisord]`. */
export interface DaemonConfig {
  /** Activity log path, `syslog`, or null for none. */
  logfile: string | null;
  /** Rotate the activity log at this size; 0 never. */
  logfileMaxbytes: number;
  /** Rotated activity logs to keep. */
  logfileBackups: number;
  /** critical error warn info debug trace blather. */
  loglevel: LogLevelName;
  /** pidfile path. */
  pidfile: string;
  /** umask applied when daemonizing. */
  umask: number;
  /** Stay in the foreground. */
  nodaemon: boolean;
  /** No stdout echo in the foreground. */
  silent: boolean;
  /** Minimum NOFILE soft limit. */
  minfds: number;
  /** Minimum NPROC soft limit. */
  minprocs: number;
  /** Keep old AUTO logs at startup. */
  nocleanup: boolean;
  /** svisor's `event_stream_history`: events kept for resuming `GET /api/v1/events` (0: none). */
  eventStreamHistory: number;
  /** Where AUTO logs go. */
  childlogdir: string;
  /** User to drop to, or null. */
  user: string | null;
  /** chdir when daemonizing, or null. */
  directory: string | null;
  /** Strip ANSI escapes from child logs. */
  stripAnsi: boolean;
  /** Added to every child's environment. */
  environment: Record<string, string>;
  /** Identifier for getIdentification, AUTO log names, event headers. */
  identifier: string;
  /**
   * svisor's own `refuse_unsafe_config`: a root daemon refuses a config path others can write
   * (by default it warns). supervisord ignores the key.
   */
  refuseUnsafeConfig?: boolean;
}

/** Main-log level names as written in the config. */
export type LogLevelName = "critical" | "error" | "warn" | "info" | "debug" | "trace" | "blather";

/** A warning found while loading (unknown option, unknown section, ...): shown, never fatal. */
export interface ConfigWarning {
  /** The whole located message. */
  message: string;
  /** Where the problem is (file, line, section, option), when known. */
  location?: ConfigLocation;
  /** The problem alone, without the location. */
  detail?: string;
}

/** The whole resolved configuration. */
export interface Config {
  /** Absolute path of the main config file. */
  file: string;
  /** Every file read, main first, then includes in order. */
  files: string[];
  /** `[supervisord]`, or null when the file has none (ctl-only configs). */
  supervisord: DaemonConfig | null;
  /** Every `[unix_http_server*]`. */
  unixServers: UnixServerConfig[];
  /** Every `[inet_http_server*]`. */
  inetServers: InetServerConfig[];
  /** `[supervisorctl]`, or null when absent. */
  supervisorctl: CtlConfig | null;
  /** Groups sorted by (priority, name), like supervisor; a duplicate name keeps only the first. */
  groups: GroupConfig[];
  /** Warnings (unknown options and sections, notes on inapplicable sections). */
  warnings: ConfigWarning[];
  /** Informational lines supervisord logs at startup (e.g. included files). */
  infos: string[];
}
