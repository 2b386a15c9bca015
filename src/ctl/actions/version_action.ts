/** `version`: the remote supervisord's version (`4.2.5`); `--json` gives `{"version": ...}`. */

import type { CtlContext } from "../ctl_context.ts";
import { acceptsNoArguments, takeJson } from "./action_kit.ts";

/** Runs `version`. */
export async function versionAction(ctl: CtlContext, arg: string): Promise<void> {
  const rest = takeJson(ctl, arg);
  if (!acceptsNoArguments(ctl, "version", rest.join(" "))) return;
  if (!(await ctl.upcheck())) return;
  const version = await ctl.service().getSupervisorVersion();
  if (ctl.jsonActive) ctl.json({ version });
  else ctl.output(version);
}
