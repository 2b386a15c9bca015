/** `restart NS ...|g:*|all`: `stop` then `start` with the same arguments, both outputs printed. */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { printHelp, words } from "./action_kit.ts";
import { startAction } from "./start_action.ts";
import { stopAction } from "./stop_action.ts";

/** Runs `restart`. */
export async function restartAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  if (words(arg).length === 0) {
    ctl.output("Error: restart requires a process name");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "restart");
    return;
  }
  await stopAction(ctl, arg);
  await startAction(ctl, arg);
}
