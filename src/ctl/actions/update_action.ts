/** `update [all|g ...]`: the engine's update rule (engine/update_groups.ts), printed as supervisorctl does. */

import type { UpdateStep } from "../../protocol/types.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, words } from "./action_kit.ts";

/** supervisorctl's line for each step. */
const STEP_TEXT: Readonly<Record<UpdateStep["step"], (g: string) => string>> = {
  "stopped": (g) => `${g}: stopped`,
  "removed": (g) => `${g}: removed process group`,
  "updated": (g) => `${g}: updated process group`,
  "added": (g) => `${g}: added process group`,
  "not-removed": (g) => `${g}: has problems; not removing`,
  "no-such-group": (g) => `ERROR: no such group: ${g}`,
};

/** Runs `update`. */
export async function updateAction(ctl: CtlContext, arg: string): Promise<void> {
  const onStep = (s: UpdateStep) => {
    ctl.output(STEP_TEXT[s.step](s.group));
    if (s.step === "not-removed" || s.step === "no-such-group") ctl.exitStatus = EXIT.GENERIC;
  };
  try {
    await ctl.service().update(words(arg), { onStep });
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (!isFault(e, "SHUTDOWN_STATE")) throw e;
    ctl.output("ERROR: already shutting down");
  }
}
