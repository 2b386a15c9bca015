/** supervisord's startup cleanup of old AUTO child logs in childlogdir (skipped with nocleanup). */

/**
 * Whether a file name is an AUTO log of this identifier, rotated or not
 * (`web-stdout---supervisor-ab12cd34.log`, `... .log.3`), as supervisord's pattern matches.
 *
 * @example
 * ```ts
 * import { isAutoLogName } from "./auto_log_cleanup.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isAutoLogName("web-stdout---supervisor-ab12cd34.log.2", "supervisor"));
 * assert.ok(!isAutoLogName("web-stdout---other-ab12cd34.log", "supervisor"));
 * assert.ok(!isAutoLogName("web.log", "supervisor"));
 * ```
 */
export function isAutoLogName(name: string, identifier: string): boolean {
  const id = identifier.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^.+?---${id}-\\S+\\.log\\.?\\d{0,4}$`).test(name);
}

/** Deletes the AUTO logs of `identifier` in `dir`; returns the paths it could not delete. */
export async function removeAutoLogs(dir: string, identifier: string): Promise<string[]> {
  const failed: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return failed;
  }
  for (const entry of entries) {
    if (!entry.isFile || !isAutoLogName(entry.name, identifier)) continue;
    const path = `${dir.replace(/\/$/, "")}/${entry.name}`;
    try {
      await Deno.remove(path);
    } catch {
      failed.push(path);
    }
  }
  return failed;
}
