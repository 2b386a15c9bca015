/** `avail`: every configured process, in use or not, with autostart and priorities. */

import type { ProcessConfigInfo } from "../../protocol/types.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec } from "../../protocol/namespec.ts";
import { acceptsNoArguments, isFault, takeJson } from "./action_kit.ts";

/** Runs `avail`. */
export async function availAction(ctl: CtlContext, arg: string): Promise<void> {
  const rest = takeJson(ctl, arg);
  if (!acceptsNoArguments(ctl, "avail", rest.join(" "))) return;
  let infos: ProcessConfigInfo[];
  try {
    infos = await ctl.service().getAllConfigInfo();
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (!isFault(e, "SHUTDOWN_STATE")) throw e;
    ctl.output("ERROR: supervisor shutting down");
    return;
  }
  if (ctl.jsonActive) {
    ctl.json(infos.map((i) => ({
      namespec: makeNamespec(i.group, i.name),
      name: i.name,
      group: i.group,
      inuse: i.inuse,
      autostart: i.autostart,
      group_prio: i.group_prio,
      process_prio: i.process_prio,
    })));
    return;
  }
  ctl.write(infos.map((i) => formatAvail(i) + "\n").join(""));
}

/**
 * One `avail` line: `'%-32s %-9s %-9s %s'` of namespec, in use, autostart, `gprio:pprio`.
 *
 * @example
 * ```ts
 * import { formatAvail } from "./avail_action.ts";
 * import assert from "node:assert/strict";
 * const info = { name: "cat", group: "cat", inuse: true, autostart: false, group_prio: 999, process_prio: 999 };
 * assert.equal(formatAvail(info), "cat".padEnd(32) + " in use    manual    999:999");
 * ```
 */
export function formatAvail(
  i: Pick<
    ProcessConfigInfo,
    "name" | "group" | "inuse" | "autostart" | "group_prio" | "process_prio"
  >,
): string {
  return `${makeNamespec(i.group, i.name).padEnd(32)} ${
    (i.inuse ? "in use" : "avail").padEnd(9)
  } ` +
    `${(i.autostart ? "auto" : "manual").padEnd(9)} ${i.group_prio}:${i.process_prio}`;
}
