/** The seams between svisor's pure core and the operating system: clock, spawner, file system. */

/** Wall-clock and monotonic time, and timers; faked in tests. */
export interface Clock {
  /** Milliseconds since the epoch (wall clock, for display and logs). */
  now(): number;
  /** Milliseconds from an arbitrary origin that never goes backwards (for timeouts). */
  monotonic(): number;
  /** Calls `fn` once after `ms`; returns a handle for `clearTimer`. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Cancels a timer; cancelling a fired or cancelled timer does nothing. */
  clearTimer(handle: TimerHandle): void;
}

/** An opaque timer handle. */
export type TimerHandle = number;

/** How a child ended: an exit code, or the signal that killed it. */
export interface ExitStatus {
  /** The exit code when the child exited normally, else null. */
  code: number | null;
  /** The signal name (e.g. `SIGTERM`) when a signal killed the child, else null. */
  signal: string | null;
}

/** What to run and how; everything already resolved (no PATH search, no shell). */
export interface SpawnRequest {
  /** Absolute path of the executable. */
  file: string;
  /** argv without argv[0]. */
  args: readonly string[];
  /** argv[0] as the user wrote it (informational). */
  argv0: string;
  /** The whole environment of the child (nothing is inherited beyond it). */
  env: Readonly<Record<string, string>>;
  /** Working directory, or undefined for the daemon's. */
  cwd?: string;
  /** uid to run as, or undefined to keep the daemon's. */
  uid?: number;
  /** gid to run as, or undefined. */
  gid?: number;
  /** umask for the child, or undefined to inherit. */
  umask?: number;
  /** Whether stderr is sent to the stdout pipe. */
  redirectStderr: boolean;
  /** A descriptor the daemon holds (an fcgi-program's listening socket) to be the child's fd 0. */
  stdinFd?: number;
  /**
   * s6 readiness: the child gets the write end of a fresh pipe (a socket pair) as this descriptor
   * (3..255); what it writes there comes out of the handle's `notifications`.
   */
  notifyFd?: number;
}

/** A running child as the engine sees it. */
export interface ChildHandle {
  /** The child's pid (also its process group id: every child leads its own group). */
  readonly pid: number;
  /** stdout chunks, as read (large reads, no framing). */
  readonly stdout: ReadableStream<Uint8Array>;
  /**
   * stderr chunks; null when the spawner merged stderr into stdout. The Deno spawner cannot merge
   * (it always gives both pipes); with redirectStderr the engine writes both into the stdout log.
   */
  readonly stderr: ReadableStream<Uint8Array> | null;
  /** Resolves when the child has exited and been reaped. */
  readonly status: Promise<ExitStatus>;
  /** What the child writes to its SpawnRequest.notifyFd; ends when it exits. Absent without one. */
  readonly notifications?: ReadableStream<Uint8Array> | undefined;
  /** Writes to the child's stdin; rejects when the pipe is closed. */
  writeStdin(data: Uint8Array): Promise<void>;
  /** Sends a signal to the child, or to its whole process group when `group` is true. */
  kill(signal: string, group: boolean): void;
  /**
   * Sends a signal to every process that came from this child but left its process group or
   * session (re-parented orphans included); returns them as `pid (comm)`. Absent where the spawner
   * cannot follow descendants.
   */
  killEscaped?(signal: string): string[];
}

/**
 * Makes a child's output pipe hold more than the 64 KiB Linux gives it, so a busy stream drains in
 * fewer, larger reads and its writer waits less on the daemon.
 */
export interface PipeTuner {
  /** Raises the capacity of the pipe on the child's fd `fd` (1 or 2); the new capacity, or 0. */
  widen(pid: number, fd: number): number;
}

/** What an fcgi-program's listening socket is made from. */
export interface SocketSpec {
  /** `tcp://host:port` or `unix:///path`. */
  url: string;
  /** `socket_backlog`, or null for the system's maximum. */
  backlog: number | null;
  /** `socket_owner` (`user[:group]`) of a unix socket, or null. */
  owner: string | null;
  /** `socket_mode` of a unix socket. */
  mode: number;
}

/** A listening socket the daemon holds, to be its children's fd 0. */
export interface HeldSocket {
  /** The descriptor, as SpawnRequest.stdinFd takes it. */
  readonly fd: number;
  /** Closes it (and removes a unix socket's file); idempotent. */
  close(): void;
}

/** Makes listening sockets for fcgi-programs; the Deno implementation sits in sys/. */
export interface SocketFactory {
  /** Creates, binds and listens; throws an Error saying why when it cannot. */
  listen(spec: SocketSpec): HeldSocket;
}

/** Starts children; the Deno implementation sits in sys/, tests use a fake. */
export interface Spawner {
  /** Starts a child; throws SvisorError("SPAWN_ERROR") when the OS refuses. */
  spawn(request: SpawnRequest): ChildHandle;
}

/** The few file-system facts the config loader needs, so it can run on a fake. */
export interface ConfigFs {
  /** Reads a whole text file. */
  readTextFile(path: string): string;
  /** Whether a path exists and is a directory. */
  isDirectory(path: string): boolean;
  /** Whether a path exists. */
  exists(path: string): boolean;
  /** Expands a glob (absolute pattern) to matching file paths, sorted. */
  glob(pattern: string): string[];
  /** Looks a user up by name or numeric uid (passwd), or returns null; absent means users are not checked. */
  lookupUser?(nameOrUid: string): UserEntry | null;
  /** Looks a group up by name or numeric gid, or returns null; absent means groups are not checked. */
  lookupGroup?(nameOrGid: string): { name: string; gid: number } | null;
}

/** What the spawn pre-check needs to know of a path (null from `probe` when it does not exist). */
export interface FileFacts {
  /** A regular file (after following links). */
  isFile: boolean;
  /** A directory. */
  isDirectory: boolean;
  /** Executable by the daemon's user. */
  executable: boolean;
}

/** Looks at paths without opening them; used to resolve commands like supervisor's pre-fork checks. */
export interface FileProbe {
  /** Facts about a path, or null when it does not exist. */
  probe(path: string): FileFacts | null;
}

/** An entry of the user database. */
export interface UserEntry {
  /** Login name. */
  name: string;
  /** User id. */
  uid: number;
  /** Primary group id. */
  gid: number;
  /** Home directory. */
  home: string;
}

/** The user database (passwd); a name or a numeric uid as text. */
export interface UserDb {
  /** Looks a user up by name or numeric uid, or returns null. */
  lookup(nameOrUid: string): UserEntry | null;
}

/** Options of a child output sink. */
export interface LogSinkOptions {
  /** The file, or null for a sink that keeps nothing on disk (NONE). */
  path: string | null;
  /** Rotate when the file reaches this size; 0 never rotates. */
  maxbytes: number;
  /** Rotated files to keep. */
  backups: number;
  /** Strip ANSI escape sequences before writing. */
  stripAnsi: boolean;
  /** `stdout_syslog`/`stderr_syslog`: the process name each syslog record starts with. */
  syslogTag?: string;
}

/**
 * Where one output stream of a child goes: raw bytes appended to a rotating file. The caller awaits
 * each write before reading more from the child, so a slow disk slows the child. A write that fails
 * rejects; the caller reports it and goes on reading (a child never blocks on its log).
 */
export interface LogSink {
  /** The file path, or null when output is discarded. */
  readonly path: string | null;
  /** Appends a chunk (rotating after the write when the file reaches maxbytes); rejects when the bytes could not be written. */
  write(chunk: Uint8Array): Promise<void>;
  /**
   * Appends a chunk at once when that cannot block (a regular file with nothing pending): true when
   * written, false when nothing was done and `write` must be used; throws when the bytes could not
   * be written. Absent: always use `write`.
   */
  writeNow?(chunk: Uint8Array): boolean;
  /** Closes and reopens the file (SIGUSR2, logrotate). */
  reopen(): Promise<void>;
  /** Deletes the file and reopens it empty (clearProcessLogs). */
  clear(): Promise<void>;
  /** Closes the file; later writes are dropped. */
  close(): Promise<void>;
  /** Rotations so far (for metrics); absent: not counted. */
  counters?(): SinkCounters;
}

/** What a sink counts, read at metrics scrape time. */
export interface SinkCounters {
  /** Times the file rotated. */
  rotations: number;
}

/** Opens log sinks; sys/ writes files, tests keep memory. */
export interface LogSinkFactory {
  /**
   * Opens a sink at once, creating the file (supervisord opens a child's logs synchronously, at
   * spawn); throws when it cannot, with the system error's `code` (ENOENT, EACCES, ...) where known.
   */
  open(options: LogSinkOptions): LogSink;
}

/** Reads log files by supervisor's offset rules (§5.5 of the reference). */
export interface LogReader {
  /** readFile: bytes by offset and length, UTF-8 decoded; throws SvisorError NO_FILE or BAD_ARGUMENTS. */
  read(path: string, offset: number, length: number): Promise<string>;
  /** tailFile: the last `length` bytes, the file size, and whether more was there. */
  tail(
    path: string,
    offset: number,
    length: number,
  ): Promise<{ text: string; offset: number; overflow: boolean }>;
}

/** Main-log levels, by supervisor's names and numbers (CRIT 50 ... BLAT 3). */
export const LOG_LEVELS = {
  CRIT: 50,
  ERRO: 40,
  WARN: 30,
  INFO: 20,
  DEBG: 10,
  TRAC: 5,
  BLAT: 3,
} as const;

/** A main-log level name as it appears in the log (`INFO`, `WARN`, ...). */
export type LogLevel = keyof typeof LOG_LEVELS;

/** The daemon's activity log (supervisord.log), as the engine writes to it. */
export interface ActivityLog {
  /** Writes one message at a level (dropped when below the configured level). */
  log(level: LogLevel, message: string): void;
  /** Whether a level would be written (to skip building costly messages). */
  enabled(level: LogLevel): boolean;
}
