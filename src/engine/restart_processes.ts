/**
 * supervisorctl's `restart` as one service call for the JSON API: stop (a process that is not
 * running is fine) and wait for it, then start; for a group or every process, stop them all, then
 * start them all. Runs over any ControlService, like update_groups.ts.
 */

import { SvisorError } from "../core/errors.ts";
import type { ControlService, WaitOptions } from "../protocol/control_service.ts";
import type { ProcessInfo, ProcessResult } from "../protocol/types.ts";

/** What a restart acts on: one process, one group, or every process. */
export type RestartTarget =
  | { kind: "process"; name: string }
  | { kind: "group"; name: string }
  | { kind: "all" };

/** One process's info after its start, or the stop and start results of many. */
export type RestartOutcome =
  | { process: ProcessInfo }
  | { stopped: ProcessResult[]; started: ProcessResult[] };

/** Restarts `target`; the stop always waits, the start waits as `options.wait` says. */
export async function restartProcesses(
  service: ControlService,
  target: RestartTarget,
  options: WaitOptions = {},
): Promise<RestartOutcome> {
  const stopWait = { ...options, wait: true };
  if (target.kind === "process") {
    try {
      await service.stopProcess(target.name, stopWait);
    } catch (e) {
      if (!(e instanceof SvisorError && e.code === "NOT_RUNNING")) throw e;
    }
    return { process: await service.startProcess(target.name, options) };
  }
  if (target.kind === "group") {
    const stopped = await service.stopProcessGroup(target.name, stopWait);
    return { stopped, started: await service.startProcessGroup(target.name, options) };
  }
  const stopped = await service.stopAllProcesses(stopWait);
  return { stopped, started: await service.startAllProcesses(options) };
}
