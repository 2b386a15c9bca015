/** The action table: supervisorctl's `do_<name>` methods, by name. */

import type { Action } from "./actions/action_kit.ts";
import { addAction } from "./actions/add_action.ts";
import { availAction } from "./actions/avail_action.ts";
import { clearAction } from "./actions/clear_action.ts";
import { fgAction } from "./actions/fg_action.ts";
import { helpAction, quitAction } from "./actions/help_action.ts";
import { maintailAction } from "./actions/maintail_action.ts";
import { eventsAction } from "./actions/events_action.ts";
import { openAction } from "./actions/open_action.ts";
import { pidAction } from "./actions/pid_action.ts";
import { reloadAction } from "./actions/reload_action.ts";
import { removeAction } from "./actions/remove_action.ts";
import { rereadAction } from "./actions/reread_action.ts";
import { restartAction } from "./actions/restart_action.ts";
import { shutdownAction } from "./actions/shutdown_action.ts";
import { signalAction } from "./actions/signal_action.ts";
import { startAction } from "./actions/start_action.ts";
import { statusAction } from "./actions/status_action.ts";
import { stopAction } from "./actions/stop_action.ts";
import { tailAction } from "./actions/tail_action.ts";
import { updateAction } from "./actions/update_action.ts";
import { versionAction } from "./actions/version_action.ts";
import { whyAction } from "./actions/why_action.ts";

/** Every action, by the name typed. `EOF` is what the shell runs at end of input. */
export const ACTIONS: Readonly<Record<string, Action>> = {
  add: addAction,
  avail: availAction,
  clear: clearAction,
  exit: quitAction,
  fg: fgAction,
  help: helpAction,
  maintail: maintailAction,
  events: eventsAction,
  open: openAction,
  pid: pidAction,
  quit: quitAction,
  reload: reloadAction,
  remove: removeAction,
  reread: rereadAction,
  restart: restartAction,
  shutdown: shutdownAction,
  signal: signalAction,
  start: startAction,
  status: statusAction,
  stop: stopAction,
  tail: tailAction,
  update: updateAction,
  version: versionAction,
  why: whyAction,
  EOF: quitAction,
};
