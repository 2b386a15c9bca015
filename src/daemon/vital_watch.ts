/**
 * `vital=`: watches the process states of one engine and asks for a shutdown with the program's
 * `vital_exitcode` when a vital process enters FATAL (`vital=fatal`) or exits at all (`vital=exit`:
 * EXITED, BACKOFF or FATAL; a requested stop is STOPPED and does not count).
 */

import type { ProcessConfig } from "../config/model.ts";
import type { EventBus } from "../events/event_bus.ts";

/** Why the daemon is going down because of a vital process. */
export interface VitalExit {
  /** The exit status the daemon should end with. */
  code: number;
  /** The line for the activity log. */
  message: string;
}

const EXIT_STATES = new Set(["EXITED", "BACKOFF", "FATAL"]);

/**
 * Calls `onExit` (once) when a vital process ends; `configOf` finds a process's config by group
 * and name. Returns the unsubscribe.
 */
export function watchVital(
  bus: EventBus,
  configOf: (group: string, name: string) => ProcessConfig | undefined,
  onExit: (exit: VitalExit) => void,
): () => void {
  let fired = false;
  return bus.subscribe("PROCESS_STATE", (event) => {
    if (fired) return;
    const state = event.type.slice("PROCESS_STATE_".length);
    const vital = configOf(event.groupName, event.processName)?.vital;
    if (vital === undefined) return;
    const hit = vital.on === "fatal" ? state === "FATAL" : EXIT_STATES.has(state);
    if (!hit) return;
    fired = true;
    const spec = event.groupName === event.processName
      ? event.processName
      : `${event.groupName}:${event.processName}`;
    onExit({
      code: vital.exitcode,
      message:
        `vital process ${spec} entered ${state}: shutting down with exit status ${vital.exitcode}`,
    });
  });
}
