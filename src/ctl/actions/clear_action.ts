/** `clear NS ...|all`: clears process logs, one result line each. */

import { SvisorError } from "../../core/errors.ts";
import { type Controller, EXIT, faultOf } from "../controller.ts";
import { makeNamespec, splitNamespec } from "../namespec.ts";
import { printHelp, words } from "./action_kit.ts";
import { clearResultText } from "./result_texts.ts";

/** Runs `clear`. */
export async function clearAction(ctl: Controller, arg: string): Promise<void> {
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
      const status = faultOf(e);
      ctl.output(clearResultText({ status, name: process, group, description: e.message }));
      ctl.setExitFromFault(status);
    }
  }
}
