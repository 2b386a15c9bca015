/** `user[:group]` options (`chown`, `socket_owner`) as a uid and gid, by this machine's databases. */

import { denoConfigFs } from "./config_fs.ts";

/**
 * The uid and gid of `owner` (the user's primary group when no group is named), or null for
 * none; throws `Invalid user name x in <option>` (or group) as supervisord says it.
 */
export function lookupOwner(
  owner: string | null,
  option: string,
): { uid: number; gid: number } | null {
  if (owner === null) return null;
  const fs = denoConfigFs();
  const [userName = "", groupName] = owner.split(":");
  const user = fs.lookupUser?.(userName) ?? null;
  if (user === null) throw new Error(`Invalid user name ${userName} in ${option}`);
  if (groupName === undefined) return { uid: user.uid, gid: user.gid };
  const group = fs.lookupGroup?.(groupName) ?? null;
  if (group === null) throw new Error(`Invalid group name ${groupName} in ${option}`);
  return { uid: user.uid, gid: group.gid };
}
