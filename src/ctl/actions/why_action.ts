/** `why NAME ...`: svisor's explanation of each process's state (svisor daemons only); `--json` for machines. */

import type { Explanation } from "../../protocol/types.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, printHelp, takeJson } from "./action_kit.ts";

/** Runs `why`. */
export async function whyAction(ctl: CtlContext, arg: string): Promise<void> {
  const names = takeJson(ctl, arg);
  if (names.length === 0) {
    ctl.output("Error: why requires a process name");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "why");
    return;
  }
  if (!(await ctl.upcheck())) return;
  const service = ctl.service();
  if (service.explainProcess === undefined) {
    ctl.output("why: this server cannot explain processes");
    ctl.exitStatus = EXIT.UNIMPLEMENTED_FEATURE;
    return;
  }
  const found: Explanation[] = [];
  for (const name of names) {
    try {
      const e = await service.explainProcess(name);
      found.push(e);
      if (!ctl.jsonActive) ctl.write(e.lines.map((l) => `${l}\n`).join(""));
    } catch (e) {
      if (isFault(e, "BAD_NAME")) {
        ctl.output(`${name}: ERROR (no such process)`);
        ctl.exitStatus = EXIT.GENERIC;
      } else if (isFault(e, "UNKNOWN_METHOD")) {
        ctl.output(`why: ${e.message}`);
        ctl.exitStatus = EXIT.UNIMPLEMENTED_FEATURE;
        return;
      } else {
        throw e;
      }
    }
  }
  if (ctl.jsonActive) ctl.json(found);
}
