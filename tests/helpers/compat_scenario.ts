/** The shape of a compatibility scenario: a config template, steps to run, and checks to record. */

/** Values the runner substitutes for `{{name}}` in templates. */
export interface Placeholders {
  /** The scenario's temp dir (absolute, no trailing slash). */
  dir: string;
  /** The unix socket path. */
  sock: string;
  /** A free loopback TCP port. */
  port: string;
  /** tests/fixtures/compat/children (absolute). */
  children: string;
}

/** The command line of the configurable child (tests/fixtures/compat/children/child.py). */
export const CHILD = "/usr/bin/python3 {{children}}/child.py";

/** One step; each adds lines to the transcript. */
export type Step =
  | { kind: "ctl"; args: string[]; keep?: RegExp; sortRuns?: boolean }
  | { kind: "wait"; name: string; state: string; timeoutMs: number }
  | { kind: "waitFile"; path: string; text: string; timeoutMs: number }
  | { kind: "waitLines"; path: string; count: number; timeoutMs: number }
  | { kind: "waitDaemonExit"; timeoutMs: number }
  | { kind: "file"; path: string; keep?: RegExp }
  | { kind: "ls"; path: string }
  | { kind: "alive"; pidFile: string }
  | { kind: "config"; text: string }
  | { kind: "sleep"; ms: number; why: string }
  | { kind: "check"; label: string; run: (dir: string) => Promise<string> };

/** A scenario: programs in a config, steps against a running daemon, and recorded checks. */
export interface Scenario {
  /** A file-safe name; the golden transcript is `golden/<name>.txt`. */
  name: string;
  /** The config after the standard header (program, group, … sections), with `{{placeholders}}`. */
  config: string;
  /** Replaces the standard header (server, supervisord, rpcinterface and supervisorctl sections). */
  header?: string;
  /** Extra files to write into the temp dir before the daemon starts (path relative to it). */
  files?: Record<string, string | { text: string; mode: number }>;
  /** The steps, in order. */
  steps: Step[];
}

/** Options of a ctl step. */
export interface CtlOptions {
  /** Record only the output lines that match. */
  keep?: RegExp;
  /**
   * Sort each run of consecutive lines that end alike (`x: stopped`, `y: stopped`), for actions
   * whose output order is the order in which processes finished (`stop all`, `restart g:*`).
   */
  sortRuns?: boolean;
}

/** Runs a ctl action; `line` is split on spaces (`ctl("stop all")`). */
export function ctl(line: string, options: CtlOptions = {}): Step {
  const args = line.split(" ").filter((a) => a !== "");
  return { kind: "ctl", args, ...options };
}

/** A ctl action whose output order is completion order: each run of like lines is sorted. */
export function ctlSorted(line: string): Step {
  return ctl(line, { sortRuns: true });
}

/**
 * Records the main log's lines (via `ctl maintail`) that mention the process NAME, except
 * `waiting for NAME to stop` (logged by a poll every 2 s, so present or not by timing).
 */
export function mainlog(name: string): Step {
  const keep = new RegExp(`^(?!.* waiting for ).*(?<![\\w:-])${name}(?![\\w-])`);
  return ctl("maintail -100000", { keep });
}

/** Polls `ctl status NAME` until NAME shows STATE. */
export function waitState(name: string, state: string, timeoutMs = 30_000): Step {
  return { kind: "wait", name, state, timeoutMs };
}

/** Waits until a file (relative to the temp dir) contains a text. */
export function waitFile(path: string, text: string, timeoutMs = 30_000): Step {
  return { kind: "waitFile", path, text, timeoutMs };
}

/** Waits until a file (relative to the temp dir) has at least COUNT lines. */
export function waitLines(path: string, count: number, timeoutMs = 30_000): Step {
  return { kind: "waitLines", path, count, timeoutMs };
}

/** Waits until the daemon process has exited (after `shutdown`). */
export function waitDaemonExit(timeoutMs = 30_000): Step {
  return { kind: "waitDaemonExit", timeoutMs };
}

/** Records a file's content (relative to the temp dir), optionally only the lines matching KEEP. */
export function file(path: string, keep?: RegExp): Step {
  return keep ? { kind: "file", path, keep } : { kind: "file", path };
}

/** Records a directory's sorted entries. */
export function ls(path: string): Step {
  return { kind: "ls", path };
}

/** Records whether the process whose pid is in PIDFILE is alive. */
export function alive(pidFile: string): Step {
  return { kind: "alive", pidFile };
}

/** Rewrites the config (program sections after the scenario's header). */
export function rewriteConfig(text: string): Step {
  return { kind: "config", text };
}

/** A fixed pause; only where a scenario measures supervisor's own timing. */
export function sleep(ms: number, why: string): Step {
  return { kind: "sleep", ms, why };
}

/** A custom check: RUN gets the temp dir and returns the text to record. */
export function check(label: string, run: (dir: string) => Promise<string>): Step {
  return { kind: "check", label, run };
}
