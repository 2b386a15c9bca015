/** User and `user:group` values, checked against the user database when the ConfigFs can look them up. */

import type { SectionReader } from "./section_reader.ts";
import { q } from "./value_types.ts";

/** Checks that a user (name or uid) exists; records an error and returns false when it does not. */
export function checkUser(option: string, user: string, reader: SectionReader): boolean {
  const lookup = reader.ctx.fs.lookupUser;
  if (lookup === undefined) return true;
  if (lookup.call(reader.ctx.fs, user) !== null) return true;
  const numeric = /^\s*[+-]?\d+\s*$/.test(user);
  reader.error(
    option,
    `${numeric ? "no user with uid" : "no user named"} ${q(user.trim())} in the user database`,
  );
  return false;
}

/** Checks `user` or `user:group` (names or ids); records an error and returns false when either is unknown. */
export function checkUserGroup(option: string, value: string, reader: SectionReader): boolean {
  const colon = value.indexOf(":");
  const user = colon < 0 ? value : value.slice(0, colon);
  if (!checkUser(option, user, reader)) return false;
  if (colon < 0) return true;
  const group = value.slice(colon + 1);
  const lookup = reader.ctx.fs.lookupGroup;
  if (lookup === undefined || lookup.call(reader.ctx.fs, group) !== null) return true;
  reader.error(option, `no group named ${q(group)} in the group database (in ${q(value)})`);
  return false;
}
