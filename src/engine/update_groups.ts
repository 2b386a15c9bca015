/**
 * The one `update` rule, supervisorctl 4.2.5's `do_update`: re-read the config; report named groups
 * that are neither active nor added; stop and remove removed groups (kept when a stop result is
 * FAILED); stop, remove and re-add changed ones; add new ones. The engine runs it on itself for the
 * JSON route, ctl runs it over the wire (supervisord has no update method).
 */

import type { ControlService, UpdateOptions } from "../protocol/control_service.ts";
import type { UpdateReport, UpdateStep } from "../protocol/types.ts";

/** The calls an update makes. */
export type UpdateTarget = Pick<
  ControlService,
  | "reloadConfig"
  | "getAllProcessInfo"
  | "stopProcessGroup"
  | "removeProcessGroup"
  | "addProcessGroup"
>;

/**
 * Runs supervisorctl's update against `service`; `only` names the groups to touch (null, empty or
 * holding `all`: every group). Faults of the calls propagate as supervisorctl's do (CANT_REREAD,
 * SHUTDOWN_STATE from the re-read; a failing add or remove ends the update there).
 */
export async function updateGroups(
  service: UpdateTarget,
  only: readonly string[] | null,
  options: UpdateOptions = {},
): Promise<UpdateReport> {
  const diff = await service.reloadConfig();
  const wanted = new Set(only === null || only.includes("all") ? [] : only);
  const chosen = (g: string) => wanted.size === 0 || wanted.has(g);
  const report: UpdateReport = { added: [], changed: [], removed: [], problems: [] };
  const step = (group: string, what: UpdateStep["step"]) => options.onStep?.({ group, step: what });
  if (wanted.size > 0) {
    const groups = new Set((await service.getAllProcessInfo()).map((p) => p.group));
    for (const g of diff.added) groups.add(g);
    for (const g of wanted) {
      if (groups.has(g)) continue;
      report.problems.push({ group: g, message: "no such group" });
      step(g, "no-such-group");
    }
  }
  for (const g of diff.removed.filter(chosen)) {
    const results = await service.stopProcessGroup(g);
    step(g, "stopped");
    if (results.some((r) => r.status === "FAILED")) {
      report.problems.push({ group: g, message: "has problems; not removing" });
      step(g, "not-removed");
      continue;
    }
    await service.removeProcessGroup(g);
    report.removed.push(g);
    step(g, "removed");
  }
  for (const g of diff.changed.filter(chosen)) {
    await service.stopProcessGroup(g);
    step(g, "stopped");
    await service.removeProcessGroup(g);
    await service.addProcessGroup(g);
    report.changed.push(g);
    step(g, "updated");
  }
  for (const g of diff.added.filter(chosen)) {
    await service.addProcessGroup(g);
    report.added.push(g);
    step(g, "added");
  }
  return report;
}
