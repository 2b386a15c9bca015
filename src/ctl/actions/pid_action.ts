/** `pid [NS ...|all]`: supervisord's pid, or one child pid per line (0 when not running). */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { makeNamespec } from "../../protocol/namespec.ts";
import { isFault, takeJson } from "./action_kit.ts";

/** Runs `pid`. */
export async function pidAction(ctl: CtlContext, arg: string): Promise<void> {
  const names = takeJson(ctl, arg);
  if (!(await ctl.upcheck())) return;
  const service = ctl.service();
  if (names.length === 0) {
    const pid = await service.getPID();
    if (ctl.jsonActive) ctl.json({ pid });
    else ctl.output(String(pid));
    return;
  }
  if (names.includes("all")) {
    const infos = await service.getAllProcessInfo();
    if (ctl.jsonActive) {
      ctl.json(infos.map((i) => ({ namespec: makeNamespec(i.group, i.name), pid: i.pid })));
    } else {
      ctl.write(infos.map((i) => `${i.pid}\n`).join(""));
    }
    return;
  }
  const found: { namespec: string; pid: number }[] = [];
  for (const name of names) {
    try {
      const info = await service.getProcessInfo(name);
      found.push({ namespec: makeNamespec(info.group, info.name), pid: info.pid });
      if (!ctl.jsonActive) ctl.output(String(info.pid));
      if (info.pid === 0) ctl.exitStatus = EXIT.NOT_RUNNING;
    } catch (e) {
      ctl.exitStatus = EXIT.GENERIC;
      if (!isFault(e, "BAD_NAME")) throw e;
      ctl.output(`No such process ${name}`);
    }
  }
  if (ctl.jsonActive) ctl.json(found);
}
