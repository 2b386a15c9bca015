/** `reload`: restarts the remote supervisord (asks first in interactive mode). */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { acceptsNoArguments, isFault } from "./action_kit.ts";

/** Runs `reload`. */
export async function reloadAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!acceptsNoArguments(ctl, "reload", arg)) return;
  if (!(await confirmed(ctl, "Really restart the remote supervisord process y/N? "))) return;
  try {
    await ctl.service().restart();
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (!isFault(e, "SHUTDOWN_STATE")) throw e;
    ctl.output("ERROR: already shutting down");
    return;
  }
  ctl.output("Restarted supervisord");
}

/** In interactive mode, asks the question and returns whether the answer starts with `y`. */
export async function confirmed(ctl: CtlContext, question: string): Promise<boolean> {
  if (!ctl.settings.interactive) return true;
  const answer = await ctl.input.readLine(question);
  return answer !== null && answer.toLowerCase().startsWith("y");
}
