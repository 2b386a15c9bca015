/** `[supervisord] user=`: the daemon gives up root after its sockets are bound, as supervisord does. */

import process from "node:process";
import type { UserDb } from "../core/ports.ts";
import { StartupError } from "./startup_error.ts";

/**
 * Switches the daemon to `user` (supplementary groups, gid, then uid). Returns the line supervisord
 * logs on success, or null when there is nothing to do; throws StartupError when it cannot.
 */
export function dropPrivileges(user: string | null, users: UserDb): string | null {
  if (user === null) return null;
  const entry = users.lookup(user);
  if (entry === null) throw new StartupError(`Invalid user name ${user}`);
  const uid = Deno.uid();
  if (uid === entry.uid) return null;
  if (uid !== 0) throw new StartupError("Can't drop privilege as nonroot user");
  try {
    const groups = process as { initgroups?: (user: string, gid: number) => void };
    groups.initgroups?.(entry.name, entry.gid);
    process.setgid!(entry.gid);
    process.setuid!(entry.uid);
  } catch (e) {
    throw new StartupError(
      `could not set uid to user ${user}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return `Set uid to user ${entry.uid} succeeded`;
}
