/**
 * Per-process counts the metrics need and the process record does not keep: starts, and exits by
 * expected or not. Counted from PROCESS_STATE events (one add per state change, nothing per line
 * of output), kept across SIGHUP restarts.
 */

import type { EventBus } from "../events/event_bus.ts";

/** The counts of one process. */
export interface ProcessCounts {
  /** Spawn attempts (entries into STARTING). */
  starts: number;
  /** Exits whose status was in `exitcodes` (EXITED, expected). */
  expectedExits: number;
  /** Every other exit: EXITED unexpected, or too quick (STARTING to BACKOFF after a spawn). */
  unexpectedExits: number;
}

/** The counts of every process seen, by `group:name`. */
export class ProcessCounters {
  readonly #counts = new Map<string, ProcessCounts>();

  /** Counts the process-state events of one engine's bus; returns the unsubscribe. */
  follow(bus: EventBus): () => void {
    return bus.subscribe("PROCESS_STATE", (event) => {
      const counts = this.#of(event.groupName, event.processName);
      if (event.type === "PROCESS_STATE_STARTING") counts.starts++;
      else if (event.type === "PROCESS_STATE_EXITED") {
        if (event.expected) counts.expectedExits++;
        else counts.unexpectedExits++;
      } else if (event.type === "PROCESS_STATE_BACKOFF" && event.fromState === "STARTING") {
        if (event.pid !== 0) counts.unexpectedExits++;
      }
    });
  }

  /** The counts of a process (zeros when it never changed state). */
  get(group: string, name: string): ProcessCounts {
    return this.#counts.get(`${group}:${name}`) ??
      { starts: 0, expectedExits: 0, unexpectedExits: 0 };
  }

  #of(group: string, name: string): ProcessCounts {
    const key = `${group}:${name}`;
    let c = this.#counts.get(key);
    if (c === undefined) {
      c = { starts: 0, expectedExits: 0, unexpectedExits: 0 };
      this.#counts.set(key, c);
    }
    return c;
  }
}
