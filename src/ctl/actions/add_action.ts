/** `add g ...`: activates groups that the last re-read found in the config. */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, words } from "./action_kit.ts";

/** Runs `add`. */
export async function addAction(ctl: CtlContext, arg: string): Promise<void> {
  const service = ctl.service();
  for (const name of words(arg)) {
    try {
      await service.addProcessGroup(name);
      ctl.output(`${name}: added process group`);
    } catch (e) {
      if (isFault(e, "SHUTDOWN_STATE")) {
        ctl.output("ERROR: shutting down");
        ctl.exitStatus = EXIT.GENERIC;
      } else if (isFault(e, "ALREADY_ADDED")) {
        ctl.output("ERROR: process group already active");
      } else if (isFault(e, "BAD_NAME")) {
        ctl.output(`ERROR: no such process/group: ${name}`);
        ctl.exitStatus = EXIT.GENERIC;
      } else {
        ctl.exitStatus = EXIT.GENERIC;
        throw e;
      }
    }
  }
}
