/** `fg NS`: a running process in the foreground: its output streamed, typed lines sent to its stdin. */

import { SvisorError } from "../../core/errors.ts";
import type { LogFollow } from "../../protocol/control_service.ts";
import { faultRepr } from "../../protocol/faults.ts";
import { FOLLOW_BACKLOG_BYTES } from "../../protocol/log_windows.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { Interrupted } from "../interrupts.ts";
import { isFault, printHelp, words } from "./action_kit.ts";

/** Runs `fg`. */
export async function fgAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctl.output("ERROR: no process name supplied");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "fg");
    return;
  }
  if (names.length > 1) {
    ctl.output("ERROR: too many process names supplied");
    ctl.exitStatus = EXIT.GENERIC;
    return;
  }
  const name = names[0]!;
  const service = ctl.service();
  try {
    const info = await service.getProcessInfo(name);
    if (info.statename !== "RUNNING") {
      ctl.output("ERROR: process not running");
      ctl.exitStatus = EXIT.GENERIC;
      return;
    }
  } catch (e) {
    if (!(e instanceof SvisorError)) throw e;
    if (e.code === "BAD_NAME") {
      ctl.output("ERROR: bad process name supplied");
      ctl.exitStatus = EXIT.GENERIC;
    } else {
      ctl.output(`ERROR: ${faultRepr(e)}`);
    }
    return;
  }
  ctl.output("==> Press Ctrl-C to exit <==");
  using scope = ctl.interrupts.open();
  const follows: LogFollow[] = [];
  let stopped = false;
  const pumps = (["stdout", "stderr"] as const).map(async (channel) => {
    try {
      const follow = await service.followProcessLog(name, channel, FOLLOW_BACKLOG_BYTES);
      follows.push(follow);
      if (stopped) follow.close();
      for await (const chunk of follow) ctl.write(chunk);
    } catch {
      // The stream ended or failed; the input loop notices a dead process on its own.
    }
  });
  try {
    while (true) {
      const line = await ctl.input.readLine("", { signal: scope.signal });
      if (line === null) break;
      try {
        await service.sendProcessStdin(name, line + "\n");
      } catch (e) {
        if (!(e instanceof SvisorError)) throw e;
        ctl.output(isFault(e, "NOT_RUNNING") ? "Process got killed" : `ERROR: ${faultRepr(e)}`);
        ctl.output("Exiting foreground");
        return;
      }
      const info = await service.getProcessInfo(name);
      if (info.statename !== "RUNNING") {
        ctl.output("Process got killed");
        ctl.output("Exiting foreground");
        return;
      }
    }
    ctl.output("Exiting foreground");
  } catch (e) {
    if (!(e instanceof Interrupted) && !scope.signal.aborted) throw e;
    ctl.output("Exiting foreground");
  } finally {
    stopped = true;
    for (const f of follows) f.close();
    await Promise.all(pumps);
  }
}
