/** `clear NS ...|all`: clears process logs, one result line each. */

import { SvisorError } from "../../core/errors.ts";
import { faultStringOf } from "../../protocol/faults.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec, splitNamespec } from "../../protocol/namespec.ts";
import { printHelp, words } from "./action_kit.ts";
import { clearResultText } from "./result_texts.ts";

/** Runs `clear`. */
export async function clearAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctl.output("Error: clear requires a process name");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "clear");
    return;
  }
  const service = ctl.service();
  if (names.includes("all")) {
    for (const result of await service.clearAllProcessLogs()) {
      ctl.output(clearResultText(result));
      ctl.setExitFromFault(result.status);
    }
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    try {
      await service.clearProcessLogs(name);
      ctl.output(`${makeNamespec(group, process ?? "None")}: cleared`);
    } catch (e) {
      if (!(e instanceof SvisorError)) throw e;
      const status = e.code;
      ctl.output(clearResultText({ status, name: process, group, description: faultStringOf(e) }));
      ctl.setExitFromFault(status);
    }
  }
}
