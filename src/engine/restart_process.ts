/** A restart the daemon decides on its own (health check, max_memory, restart_schedule): stop, then start once stopped. */

import type { ProcessInput, ProcessRecord } from "../process/process_record.ts";

/** What a restart needs of a process (a ProcessSlot). */
export interface Restartable {
  /** The current record. */
  readonly record: ProcessRecord;
  /** The last request, noted for `why`. */
  lastRequest: { what: string; at: number } | null;
  /** Feeds an input. */
  dispatch(input: ProcessInput): void;
  /** Calls `fn` after each record change; returns an unsubscribe function. */
  watch(fn: (record: ProcessRecord) => void): () => void;
}

/**
 * Stops the process and starts it again when it reaches STOPPED or EXITED (not when it went
 * FATAL or UNKNOWN); does nothing unless it is RUNNING or STARTING. Returns whether it began.
 */
export function restartProcess(p: Restartable, what: string, now: number): boolean {
  if (p.record.state !== "RUNNING" && p.record.state !== "STARTING") return false;
  p.lastRequest = { what, at: now };
  const off = p.watch((r) => {
    if (r.state === "STOPPING" || r.state === "RUNNING" || r.state === "STARTING") return;
    off();
    if (r.state === "STOPPED" || r.state === "EXITED") p.dispatch({ type: "start" });
  });
  p.dispatch({ type: "stop" });
  return true;
}
