/** `signal SIG NS ...|g:*|all`: sends a signal and prints one result line per process. */

import { SvisorError } from "../../core/errors.ts";
import { faultStringOf } from "../../protocol/faults.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec, splitNamespec } from "../../protocol/namespec.ts";
import { isFault, printHelp, words } from "./action_kit.ts";
import { signalResultText } from "./result_texts.ts";

/** Runs `signal`. */
export async function signalAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  if (args.length < 2) {
    ctl.output("Error: signal requires a signal name and a process name");
    printHelp(ctl, "signal");
    ctl.exitStatus = EXIT.GENERIC;
    return;
  }
  const [sig, ...names] = args as [string, ...string[]];
  const service = ctl.service();
  if (names.includes("all")) {
    for (const result of await service.signalAllProcesses(sig)) {
      ctl.output(signalResultText(result));
      ctl.setExitFromFault(result.status);
    }
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    if (process === null) {
      try {
        for (const result of await service.signalProcessGroup(group, sig)) {
          ctl.output(signalResultText(result));
          ctl.setExitFromFault(result.status);
        }
      } catch (e) {
        if (!isFault(e, "BAD_NAME")) throw e;
        ctl.output(`${group}: ERROR (no such group)`);
        ctl.exitStatus = EXIT.GENERIC;
      }
      continue;
    }
    try {
      await service.signalProcess(name, sig);
      ctl.output(`${makeNamespec(group, process)}: signalled`);
    } catch (e) {
      if (!(e instanceof SvisorError)) throw e;
      const status = e.code;
      ctl.output(signalResultText({ status, name: process, group, description: faultStringOf(e) }));
      ctl.setExitFromFault(status);
    }
  }
}
