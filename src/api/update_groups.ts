/** supervisorctl's `update` over ControlService: re-read, then remove, replace and add groups. */

import type { ControlService } from "../protocol/control_service.ts";
import { wireFault } from "./fault_map.ts";

/** What an update did: group names per outcome, and groups left alone with the reason. */
export interface UpdateReport {
  /** Groups added. */
  added: string[];
  /** Groups stopped, removed and added again with their new config. */
  changed: string[];
  /** Groups stopped and removed. */
  removed: string[];
  /** Groups that could not be handled, with the fault text. */
  problems: { group: string; message: string }[];
}

/**
 * Re-reads the config and applies the diff as supervisorctl's `update` does: removed groups are
 * stopped and removed (kept when a stop fails), changed ones stopped, removed and re-added, new ones
 * added. `only` limits the work to the named groups. Faults of one group land in `problems`; a
 * failed re-read (CANT_REREAD) throws.
 */
export async function updateGroups(
  service: ControlService,
  only: readonly string[] | null,
): Promise<UpdateReport> {
  const diff = await service.reloadConfig();
  const wanted = (g: string) => only === null || only.includes(g);
  const report: UpdateReport = { added: [], changed: [], removed: [], problems: [] };
  const attempt = async (group: string, run: () => Promise<void>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (e) {
      const f = wireFault(e);
      if (f === null) throw e;
      report.problems.push({ group, message: f.text });
      return false;
    }
  };
  const stopAndRemove = async (group: string) => {
    const results = await service.stopProcessGroup(group);
    const failed = results.find((r) => r.status !== 80);
    if (failed !== undefined) {
      report.problems.push({ group, message: `has problems; not removing` });
      return false;
    }
    await service.removeProcessGroup(group);
    return true;
  };
  for (const group of diff.removed.filter(wanted)) {
    let ok = false;
    await attempt(group, async () => void (ok = await stopAndRemove(group)));
    if (ok) report.removed.push(group);
  }
  for (const group of diff.changed.filter(wanted)) {
    let ok = false;
    await attempt(group, async () => {
      if (!(await stopAndRemove(group))) return;
      await service.addProcessGroup(group);
      ok = true;
    });
    if (ok) report.changed.push(group);
  }
  for (const group of diff.added.filter(wanted)) {
    if (await attempt(group, async () => void (await service.addProcessGroup(group)))) {
      report.added.push(group);
    }
  }
  if (only !== null) {
    const known = new Set([...diff.added, ...diff.changed, ...diff.removed]);
    const active = new Set((await service.getAllProcessInfo()).map((p) => p.group));
    for (const g of only) {
      if (!known.has(g) && !active.has(g)) {
        report.problems.push({ group: g, message: "no such group" });
      }
    }
  }
  return report;
}
