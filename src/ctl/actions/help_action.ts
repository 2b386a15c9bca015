/** `help [action]`: the action list, or one action's help; and `quit`, `exit`, `EOF`, which end the shell. */

import type { CtlContext } from "../ctl_context.ts";
import { ACTION_HELP, TOPICS_HELP } from "../help_texts.ts";

/** Runs `help`. */
export function helpAction(ctl: CtlContext, arg: string): Promise<void> {
  const topic = arg.trim();
  if (topic === "") ctl.write(TOPICS_HELP);
  else if (Object.hasOwn(ACTION_HELP, topic)) ctl.output(ACTION_HELP[topic]!);
  else ctl.output(`*** No help on ${arg}`);
  return Promise.resolve();
}

/** Runs `quit`, `exit` and `EOF`: an empty line, then the shell ends. */
export function quitAction(ctl: CtlContext, _arg: string): Promise<boolean> {
  ctl.output("");
  return Promise.resolve(true);
}
