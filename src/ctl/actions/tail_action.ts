/** `tail [-f|-N] NS [stdout|stderr]`: the last bytes of a process log, or the log as it grows. */

import type { Channel } from "../../protocol/types.ts";
import { FOLLOW_BACKLOG_BYTES, TAIL_BYTES } from "../../protocol/log_windows.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, printHelp, pyInt, pyRepr, words } from "./action_kit.ts";
import { followStream } from "./follow_stream.ts";

/** Runs `tail`. */
export async function tailAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  if (args.length < 1 || args.length > 3) {
    ctl.output(args.length < 1 ? "Error: too few arguments" : "Error: too many arguments");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "tail");
    return;
  }
  const modifier = args[0]!.startsWith("-") ? args.shift()! : null;
  let name: string;
  let channel: Channel = "stdout";
  if (args.length === 1) {
    name = args[0]!;
  } else if (args.length > 0) {
    name = args[0]!;
    const given = args.at(-1)!.toLowerCase();
    if (given !== "stdout" && given !== "stderr") {
      ctl.output(`Error: bad channel ${pyRepr(given)}`);
      ctl.exitStatus = EXIT.GENERIC;
      return;
    }
    channel = given;
  } else {
    ctl.output("Error: tail requires process name");
    ctl.exitStatus = EXIT.GENERIC;
    return;
  }
  let bytes = TAIL_BYTES;
  if (modifier !== null) {
    const what = modifier.slice(1);
    if (what === "f") {
      const service = ctl.service();
      await followStream(
        ctl,
        `/logtail/${name}/${channel}`,
        () => service.followProcessLog(name, channel, FOLLOW_BACKLOG_BYTES),
      );
      return;
    }
    const n = pyInt(what);
    if (n === null) {
      ctl.output(`Error: bad argument ${modifier}`);
      ctl.exitStatus = EXIT.GENERIC;
      return;
    }
    bytes = n;
  }
  try {
    ctl.output(await ctl.service().readProcessLog(name, channel, -bytes, 0));
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (isFault(e, "NO_FILE")) ctl.output(`${name}: ERROR (no log file)`);
    else if (isFault(e, "FAILED")) ctl.output(`${name}: ERROR (unknown error reading log)`);
    else if (isFault(e, "BAD_NAME")) ctl.output(`${name}: ERROR (no such process name)`);
    else throw e;
  }
}
