/** `shutdown`: stops the remote supervisord (asks first in interactive mode). */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { ServerUnreachable } from "../ctl_errors.ts";
import { acceptsNoArguments, isFault } from "./action_kit.ts";
import { confirmed } from "./reload_action.ts";

/** Runs `shutdown`. */
export async function shutdownAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!acceptsNoArguments(ctl, "shutdown", arg)) return;
  if (!(await confirmed(ctl, "Really shut the remote supervisord process down y/N? "))) return;
  try {
    await ctl.service().shutdown();
  } catch (e) {
    if (isFault(e, "SHUTDOWN_STATE")) {
      ctl.output("ERROR: already shutting down");
      return;
    }
    ctl.exitStatus = EXIT.GENERIC;
    if (e instanceof ServerUnreachable && (e.code === "ENOENT" || e.code === "ECONNREFUSED")) {
      ctl.output(`ERROR: ${e.message} (already shut down?)`);
      return;
    }
    throw e;
  }
  ctl.output("Shut down");
}
