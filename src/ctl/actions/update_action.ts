/** `update [all|g ...]`: the engine's update rule (engine/update_groups.ts), printed as supervisorctl does. */

import type { UpdatePreview, UpdateStep } from "../../protocol/types.ts";
import { formatPreview } from "../../protocol/update_preview_text.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, takeJson, words } from "./action_kit.ts";

/** supervisorctl's line for each step. */
const STEP_TEXT: Readonly<Record<UpdateStep["step"], (g: string) => string>> = {
  "stopped": (g) => `${g}: stopped`,
  "removed": (g) => `${g}: removed process group`,
  "updated": (g) => `${g}: updated process group`,
  "added": (g) => `${g}: added process group`,
  "not-removed": (g) => `${g}: has problems; not removing`,
  "no-such-group": (g) => `ERROR: no such group: ${g}`,
};

/** Runs `update`; `update --dry-run [g ...]` only says what it would do (svisor daemons only). */
export async function updateAction(ctl: CtlContext, arg: string): Promise<void> {
  const args = words(arg);
  if (args.includes("--dry-run")) {
    return await dryRun(ctl, takeJson(ctl, args.filter((a) => a !== "--dry-run").join(" ")));
  }
  const onStep = (s: UpdateStep) => {
    ctl.output(STEP_TEXT[s.step](s.group));
    if (s.step === "not-removed" || s.step === "no-such-group") ctl.exitStatus = EXIT.GENERIC;
  };
  try {
    await ctl.service().update(args, { onStep });
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (!isFault(e, "SHUTDOWN_STATE")) throw e;
    ctl.output("ERROR: already shutting down");
  }
}

async function dryRun(ctl: CtlContext, groups: string[]): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const service = ctl.service();
  if (service.previewUpdate === undefined) {
    ctl.output("ERROR: update --dry-run needs a svisor daemon");
    ctl.exitStatus = EXIT.UNIMPLEMENTED_FEATURE;
    return;
  }
  let preview: UpdatePreview;
  try {
    preview = await service.previewUpdate(groups);
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (isFault(e, "SHUTDOWN_STATE")) return ctl.output("ERROR: already shutting down");
    if (isFault(e, "UNKNOWN_METHOD")) {
      ctl.exitStatus = EXIT.UNIMPLEMENTED_FEATURE;
      return ctl.output(`ERROR: ${e.message}`);
    }
    if (isFault(e, "CANT_REREAD")) return ctl.output(`ERROR: CANT_REREAD: ${e.message}`);
    throw e;
  }
  if (ctl.jsonActive) return ctl.json(preview);
  ctl.write(formatPreview(preview));
  if (preview.problems.length > 0) ctl.exitStatus = EXIT.GENERIC;
}
