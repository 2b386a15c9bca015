/** What the engine is built from: the ports, the bus, and the daemon's callbacks. */

import type { Config } from "../config/model.ts";
import type {
  ActivityLog,
  Clock,
  FileProbe,
  LogReader,
  LogSinkFactory,
  PipeTuner,
  SocketFactory,
  Spawner,
  UserDb,
} from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import type { MemoryReader, NotifySockets, ProbeRunner } from "../process/probe_ports.ts";

/** Runs process work (reaps, autostarts) on a later turn, yielding to I/O (see pacer.ts). */
export interface TaskPacer {
  /** Queues a task; `bulk` marks one of a launch's autostarts (a longer batch when no request waits). */
  run(task: () => void, options?: { bulk?: boolean }): void;
  /** Notes a control request (batches shorten for a while so its turns are served). */
  noteRequest?(): void;
}

/** The main log as the engine reads and clears it. */
export interface MainLogHandle {
  /** The main log file, or null when there is none (syslog, or no file). */
  path: string | null;
  /** Deletes the file and reopens it (clearLog). */
  clear(): Promise<void>;
}

/** Everything createEngine needs; the daemon builds these, tests pass fakes. */
export interface EngineDeps {
  /** Time and timers. */
  clock: Clock;
  /** Starts children. */
  spawner: Spawner;
  /** Looks at command paths before spawning. */
  probe: FileProbe;
  /** Resolves `user=` to uid/gid. */
  users: UserDb;
  /** Opens child log sinks. */
  sinks: LogSinkFactory;
  /** Reads log files by supervisor's offset rules. */
  reader: LogReader;
  /** The main (activity) log. */
  log: ActivityLog;
  /** The event bus. */
  bus: EventBus;
  /** The daemon's environment (the base of every child's). */
  env: Readonly<Record<string, string>>;
  /** The daemon's pid (getPID). */
  pid: number;
  /** Re-reads the config for reloadConfig; throws (any error) when it cannot be read. */
  loadConfig: () => Promise<Config> | Config;
  /** Called once when a shutdown is requested over the API. */
  requestShutdown?: () => void;
  /** Called once when a restart is requested over the API. */
  requestRestart?: () => void;
  /** The main log, for readLog/tailLog/clearLog. */
  mainLog?: MainLogHandle;
  /** Where AUTO logs go (default: the config's childlogdir, else /tmp). */
  childlogdir?: string;
  /** The identifier (default: the config's, else `supervisor`). */
  identifier?: string;
  /** Runs readiness and health probes (tcp, http, command); without it they fail. */
  probes?: ProbeRunner;
  /** Opens sd_notify sockets for `readiness_check=notify`. */
  notify?: NotifySockets;
  /** Reads RSS for `max_memory`. */
  memory?: MemoryReader;
  /** Random numbers in [0, 1) for AUTO log names (default Math.random). */
  random?: () => number;
  /** Makes fcgi-programs' listening sockets; without it an fcgi-program's spawn fails, saying so. */
  sockets?: SocketFactory;
  /** Widens the pipes of busy output streams; without it they stay at the kernel's size. */
  pipes?: PipeTuner;
  /** Paces reaps and autostarts so the control plane is served between them; default: at once. */
  pacer?: TaskPacer;
}
