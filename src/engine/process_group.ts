/** A process group at run time: its config and its slots, with supervisor's priority orders. */

import type { GroupConfig, LogTarget, ProcessConfig } from "../config/model.ts";
import { autoLogName } from "./auto_log_name.ts";
import type { EngineDeps } from "./engine_deps.ts";
import { ProcessSlot } from "./process_slot.ts";

/** Where AUTO logs go and how they are named. */
export interface GroupLogSettings {
  /** The AUTO log directory. */
  childlogdir: string;
  /** The identifier in AUTO names. */
  identifier: string;
  /** Strip ANSI escapes from child logs. */
  stripAnsi: boolean;
}

/** An active group. */
export class ProcessGroup {
  /** The group config it was made from (the very object, for config-info identity). */
  readonly config: GroupConfig;
  /** Slots in config order. */
  readonly slots: readonly ProcessSlot[];
  readonly #byName: Map<string, ProcessSlot>;

  /** Makes a slot per process, choosing AUTO log names now (like supervisor's group add). */
  constructor(
    config: GroupConfig,
    deps: EngineDeps,
    settings: GroupLogSettings,
    shuttingDown: () => boolean,
  ) {
    this.config = config;
    this.slots = config.processes.map((p) =>
      new ProcessSlot(
        p,
        {
          stdout: logPath(p, "stdout", settings, deps.random),
          stderr: p.redirectStderr ? null : logPath(p, "stderr", settings, deps.random),
          stripAnsi: settings.stripAnsi,
        },
        deps,
        shuttingDown,
      )
    );
    this.#byName = new Map(this.slots.map((s) => [s.name, s]));
    // supervisor makes AUTO logs with mkstemp when the group is added: they exist (empty) before
    // the first spawn, so a never-started process reads as empty rather than NO_FILE.
    for (const slot of this.slots) {
      for (const channel of ["stdout", "stderr"] as const) {
        if (slot.config[channel].logfile.kind !== "auto") continue;
        slot.capture(channel)?.create();
      }
    }
  }

  /** The group name. */
  get name(): string {
    return this.config.name;
  }

  /** The group priority. */
  get priority(): number {
    return this.config.priority;
  }

  /** A process by name, or undefined. */
  get(name: string): ProcessSlot | undefined {
    return this.#byName.get(name);
  }

  /** Slots in ascending process priority (stable, so ties keep config order). */
  byPriority(): ProcessSlot[] {
    return [...this.slots].sort((a, b) => a.config.priority - b.config.priority);
  }

  /** Slots not in a stopped state. */
  unstopped(isStopped: (slot: ProcessSlot) => boolean): ProcessSlot[] {
    return this.slots.filter((s) => !isStopped(s));
  }
}

/** Groups in ascending priority (stable: ties keep the order they were added). */
export function groupsByPriority(groups: Iterable<ProcessGroup>): ProcessGroup[] {
  return [...groups].sort((a, b) => a.priority - b.priority);
}

function logPath(
  p: ProcessConfig,
  channel: "stdout" | "stderr",
  settings: GroupLogSettings,
  random: (() => number) | undefined,
): string | null {
  const target: LogTarget = p[channel].logfile;
  if (target.kind === "file") return target.path;
  if (target.kind === "none") return null;
  return autoLogName(settings.childlogdir, p.name, channel, settings.identifier, random);
}
