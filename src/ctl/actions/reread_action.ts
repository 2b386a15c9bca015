/** `reread`: re-reads the daemon's config and lists what would change, without applying it. */

import type { ConfigDiff } from "../../protocol/types.ts";
import { faultStringOf } from "../../protocol/faults.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { acceptsNoArguments, isFault } from "./action_kit.ts";

/** Runs `reread`. */
export async function rereadAction(ctl: CtlContext, arg: string): Promise<void> {
  if (!acceptsNoArguments(ctl, "reread", arg)) return;
  let diff: ConfigDiff;
  try {
    diff = await ctl.service().reloadConfig();
  } catch (e) {
    ctl.exitStatus = EXIT.GENERIC;
    if (isFault(e, "SHUTDOWN_STATE")) ctl.output("ERROR: supervisor shutting down");
    else if (isFault(e, "CANT_REREAD")) ctl.output(`ERROR: ${faultStringOf(e)}`);
    else throw e;
    return;
  }
  ctl.write(formatChanges(diff));
}

/**
 * supervisorctl's `_formatChanges`: `NAME: available|changed|disappeared` sorted by name, or
 * `No config updates to processes`.
 *
 * @example
 * ```ts
 * import { formatChanges } from "./reread_action.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   formatChanges({ added: ["b"], changed: ["a"], removed: [] }),
 *   "a: changed\nb: available\n",
 * );
 * ```
 */
export function formatChanges(diff: ConfigDiff): string {
  const kinds = new Map<string, string>();
  for (const n of diff.added) kinds.set(n, "available");
  for (const n of diff.changed) kinds.set(n, "changed");
  for (const n of diff.removed) kinds.set(n, "disappeared");
  if (kinds.size === 0) return "No config updates to processes\n";
  return [...kinds.keys()].sort(byCodePoint).map((n) => `${n}: ${kinds.get(n)}\n`).join("");
}

/** Python's string order (code points). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
