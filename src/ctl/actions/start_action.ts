/** `start NS ...|g:*|all`: starts processes and prints one result line each. */

import { faultStringOf } from "../../protocol/faults.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec, splitNamespec } from "../../protocol/namespec.ts";
import { isFault, printHelp, words } from "./action_kit.ts";
import { startResultText } from "./result_texts.ts";
import { SvisorError } from "../../core/errors.ts";

/** Runs `start`. */
export async function startAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  const service = ctl.service();
  if (names.length === 0) {
    ctl.output("Error: start requires a process name");
    ctl.exitStatus = EXIT.INVALID_ARGS;
    printHelp(ctl, "start");
    return;
  }
  if (names.includes("all")) {
    for (const result of await service.startAllProcesses()) {
      ctl.output(startResultText(result));
      ctl.setExitFromFault(result.status, "ALREADY_STARTED");
    }
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    if (process === null) {
      try {
        for (const result of await service.startProcessGroup(group)) {
          ctl.output(startResultText(result));
          ctl.setExitFromFault(result.status, "ALREADY_STARTED");
        }
      } catch (e) {
        if (!isFault(e, "BAD_NAME")) {
          ctl.exitStatus = EXIT.GENERIC;
          throw e;
        }
        ctl.output(`${group}: ERROR (no such group)`);
        ctl.exitStatus = EXIT.INVALID_ARGS;
      }
      continue;
    }
    try {
      const info = await service.startProcess(name);
      // svisor: a process with depends_on may have started what it needs first; say so.
      if (info.readiness !== undefined && service.dependencies !== undefined) {
        for (const first of (await service.dependencies(name)).startedFirst) {
          ctl.output(`${first}: started (needed by ${name})`);
        }
      }
      ctl.output(`${makeNamespec(group, process)}: started`);
    } catch (e) {
      if (!(e instanceof SvisorError)) throw e;
      const status = e.code;
      ctl.output(startResultText({ status, name: process, group, description: faultStringOf(e) }));
      ctl.setExitFromFault(status, "ALREADY_STARTED");
    }
  }
}
