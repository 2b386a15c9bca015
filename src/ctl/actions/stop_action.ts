/** `stop NS ...|g:*|all`: stops processes and prints one result line each. */

import { SvisorError } from "../../core/errors.ts";
import { faultStringOf } from "../../protocol/faults.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec, splitNamespec } from "../../protocol/namespec.ts";
import { isFault, printHelp, words } from "./action_kit.ts";
import { signalResultText } from "./result_texts.ts";

/** Runs `stop`. */
export async function stopAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const all = words(arg);
  // svisor's: stop what depends on each process first (docs/readiness.md).
  const withDependants = all.includes("--with-dependants");
  const names = all.filter((w) => w !== "--with-dependants");
  const service = ctl.service();
  if (names.length === 0) {
    ctl.output("Error: stop requires a process name");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "stop");
    return;
  }
  if (names.includes("all")) {
    for (const result of await service.stopAllProcesses()) {
      ctl.output(signalResultText(result, "stopped"));
      ctl.setExitFromFault(result.status, "NOT_RUNNING");
    }
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    if (process === null) {
      try {
        for (const result of await service.stopProcessGroup(group)) {
          ctl.output(signalResultText(result, "stopped"));
          ctl.setExitFromFault(result.status, "NOT_RUNNING");
        }
      } catch (e) {
        ctl.exitStatus = EXIT.GENERIC;
        if (!isFault(e, "BAD_NAME")) throw e;
        ctl.output(`${group}: ERROR (no such group)`);
      }
      continue;
    }
    try {
      if (withDependants) await stopDependants(ctl, name);
      await service.stopProcess(name);
      ctl.output(`${makeNamespec(group, process)}: stopped`);
    } catch (e) {
      if (!(e instanceof SvisorError)) throw e;
      const status = e.code;
      ctl.output(
        signalResultText(
          { status, name: process, group, description: faultStringOf(e) },
          "stopped",
        ),
      );
      ctl.setExitFromFault(status, "NOT_RUNNING");
    }
  }
}

/** Stops the processes that depend on `name`, dependants first, one line each. */
async function stopDependants(ctl: CtlContext, name: string): Promise<void> {
  const service = ctl.service();
  if (service.dependencies === undefined) return;
  for (const dependant of (await service.dependencies(name)).dependants) {
    await service.stopProcess(dependant);
    ctl.output(`${dependant}: stopped (depends on ${name})`);
  }
}
