/** `open URL`: switches to another server (`unix://` or `http://`), then shows its status. */

import { type CtlContext, EXIT } from "../ctl_context.ts";
import { statusAction } from "./status_action.ts";

/** Runs `open`. */
export async function openAction(ctl: CtlContext, arg: string): Promise<void> {
  const url = arg.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== "unix" && scheme !== "http") {
    ctl.output("ERROR: url must be http:// or unix://");
    ctl.exitStatus = EXIT.GENERIC;
    return;
  }
  ctl.settings.serverurl = url;
  ctl.reconnect();
  const before = ctl.exitStatus;
  await statusAction(ctl, "");
  ctl.exitStatus = before;
}
