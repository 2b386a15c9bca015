/** The UserDb port on Deno: passwd lookups, shared with the config loader's. */

import type { UserDb } from "../core/ports.ts";
import { denoConfigFs } from "./config_fs.ts";

/** Looks users up in /etc/passwd (then getent). */
export function denoUserDb(): UserDb {
  const fs = denoConfigFs();
  return { lookup: (nameOrUid) => fs.lookupUser?.(nameOrUid) ?? null };
}
