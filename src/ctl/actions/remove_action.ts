/** `remove g ...`: removes stopped groups from the running config. */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, words } from "./action_kit.ts";

/** Runs `remove`. */
export async function removeAction(ctl: CtlContext, arg: string): Promise<void> {
  const service = ctl.service();
  for (const name of words(arg)) {
    try {
      await service.removeProcessGroup(name);
      ctl.output(`${name}: removed process group`);
    } catch (e) {
      ctl.exitStatus = EXIT.GENERIC;
      if (isFault(e, "STILL_RUNNING")) ctl.output(`ERROR: process/group still running: ${name}`);
      else if (isFault(e, "BAD_NAME")) ctl.output(`ERROR: no such process/group: ${name}`);
      else throw e;
    }
  }
}
