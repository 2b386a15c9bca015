/** `maintail [-f|-N]`: the last bytes of supervisord's own log, or the log as it grows. */

import { TAIL_BYTES } from "../../protocol/log_windows.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { isFault, printHelp, pyInt, words } from "./action_kit.ts";
import { followStream } from "./follow_stream.ts";

/** Runs `maintail`. */
export async function maintailAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  let bytes = TAIL_BYTES;
  if (args.length > 1) {
    ctl.output("Error: too many arguments");
    ctl.exitStatus = EXIT.GENERIC;
    printHelp(ctl, "maintail");
    return;
  }
  if (args.length === 1) {
    const word = args[0]!;
    const n = word.startsWith("-") ? pyInt(word.slice(1)) : null;
    if (word === "-f") {
      const service = ctl.service();
      await followStream(ctl, "/mainlogtail", () => service.followLog());
      return;
    }
    if (n === null) {
      ctl.output(`Error: bad argument ${word}`);
      ctl.exitStatus = EXIT.GENERIC;
      return;
    }
    bytes = n;
  }
  try {
    ctl.output(await ctl.service().readLog(-bytes, 0));
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (isFault(e, "NO_FILE")) ctl.output("supervisord: ERROR (no log file)");
    else if (isFault(e, "FAILED")) ctl.output("supervisord: ERROR (unknown error reading log)");
    else throw e;
  }
}
