/** supervisor's process and daemon states: names, wire codes, and the state sets its rules are written in. */

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

/** A process state name (STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN). */
export type ProcessStateName = keyof typeof PROCESS_STATES;

/** Daemon (supervisor) states: FATAL 2, RUNNING 1, RESTARTING 0, SHUTDOWN -1. */
export const DAEMON_STATES = { FATAL: 2, RUNNING: 1, RESTARTING: 0, SHUTDOWN: -1 } as const;

/** A daemon state name. */
export type DaemonStateName = keyof typeof DAEMON_STATES;

/** States that count as stopped: a group can be removed, shutdown can move on, `status` exits 3. */
export const STOPPED_STATES: ReadonlySet<ProcessStateName> = new Set([
  "STOPPED",
  "EXITED",
  "FATAL",
  "UNKNOWN",
]);

/** States that count as running: `start` answers ALREADY_STARTED, `stop` acts (BACKOFF included). */
export const RUNNING_STATES: ReadonlySet<ProcessStateName> = new Set([
  "RUNNING",
  "BACKOFF",
  "STARTING",
]);

/** States in which a process has a pid that `signal` may reach. */
export const SIGNALLABLE_STATES: ReadonlySet<ProcessStateName> = new Set([
  "RUNNING",
  "STARTING",
  "STOPPING",
]);

/** The name of a process state code; unknown codes are UNKNOWN. */
export function processStateOf(code: number): ProcessStateName {
  for (const [name, n] of Object.entries(PROCESS_STATES)) {
    if (n === code) return name as ProcessStateName;
  }
  return "UNKNOWN";
}

/** Whether a text is a process state name. */
export function isProcessStateName(text: string): text is ProcessStateName {
  return Object.hasOwn(PROCESS_STATES, text);
}

/** Whether a text is a daemon state name. */
export function isDaemonStateName(text: string): text is DaemonStateName {
  return Object.hasOwn(DAEMON_STATES, text);
}
