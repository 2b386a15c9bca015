/** The seams readiness, health and memory checks run through: active probes, notify sockets, RSS readings (sys/ implements them, tests fake them). */

import type { ActiveProbe } from "../config/probe_spec.ts";

/** One probe's outcome: passed or not, and a short text for logs and `why` (`connection refused`). */
export interface ProbeResult {
  /** Whether the probe passed. */
  ok: boolean;
  /** What happened, e.g. `HTTP 503`, `exited 1`, `timed out after 1000 ms`. */
  detail: string;
}

/** What a probe runs with. */
export interface ProbeRunOptions {
  /** Give up (a failure) after this long. */
  timeoutMs: number;
  /** Aborts the probe (the process stopped). */
  signal: AbortSignal;
  /** Environment of a command probe (the process's). */
  env: Readonly<Record<string, string>>;
  /** Working directory of a command probe, or undefined. */
  cwd?: string;
}

/** Runs tcp, http and command probes. */
export interface ProbeRunner {
  /** Runs one probe; never rejects (a failure is a result). */
  run(probe: ActiveProbe, options: ProbeRunOptions): Promise<ProbeResult>;
}

/** A child's own NOTIFY_SOCKET while it is open. */
export interface NotifyChannel {
  /** The socket path the child gets as NOTIFY_SOCKET. */
  readonly path: string;
  /** Closes the socket and removes its file. */
  close(): void;
}

/** Opens sd_notify sockets. */
export interface NotifySockets {
  /** Opens a datagram socket for a process; `onMessage` gets each datagram's text (`READY=1\nSTATUS=...`). */
  open(name: string, onMessage: (text: string) => void): NotifyChannel;
}

/** Reads a process's resident memory. */
export interface MemoryReader {
  /** RSS in bytes of a pid and its descendants, or null when the pid cannot be read (gone, no /proc). */
  rss(pid: number): number | null;
}
