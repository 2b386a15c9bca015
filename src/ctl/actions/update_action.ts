/** `update [all|g ...]`: re-reads the config and applies it: removed, changed, then added groups. */

import { FAULTS } from "../../core/errors.ts";
import type { ConfigDiff } from "../../protocol/types.ts";
import { type Controller, EXIT } from "../controller.ts";
import { isFault, words } from "./action_kit.ts";

/** Runs `update`. */
export async function updateAction(ctl: Controller, arg: string): Promise<void> {
  const service = ctl.service();
  let diff: ConfigDiff;
  try {
    diff = await service.reloadConfig();
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (!isFault(e, "SHUTDOWN_STATE")) throw e;
    ctl.output("ERROR: already shutting down");
    return;
  }
  let wanted = new Set(words(arg));
  if (wanted.has("all")) wanted = new Set();
  if (wanted.size > 0) {
    const groups = new Set((await service.getAllProcessInfo()).map((i) => i.group));
    for (const g of diff.added) groups.add(g);
    for (const g of wanted) {
      if (groups.has(g)) continue;
      ctl.output(`ERROR: no such group: ${g}`);
      ctl.exitStatus = EXIT.GENERIC;
    }
  }
  const chosen = (g: string) => wanted.size === 0 || wanted.has(g);
  for (const g of diff.removed.filter(chosen)) {
    const results = await service.stopProcessGroup(g);
    ctl.output(`${g}: stopped`);
    if (results.some((r) => r.status === FAULTS.FAILED)) {
      ctl.output(`${g}: has problems; not removing`);
      ctl.exitStatus = EXIT.GENERIC;
      continue;
    }
    await service.removeProcessGroup(g);
    ctl.output(`${g}: removed process group`);
  }
  for (const g of diff.changed.filter(chosen)) {
    await service.stopProcessGroup(g);
    ctl.output(`${g}: stopped`);
    await service.removeProcessGroup(g);
    await service.addProcessGroup(g);
    ctl.output(`${g}: updated process group`);
  }
  for (const g of diff.added.filter(chosen)) {
    await service.addProcessGroup(g);
    ctl.output(`${g}: added process group`);
  }
}
