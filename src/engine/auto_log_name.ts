/** Names of AUTO child logs: `<childlogdir>/<name>-<channel>---<identifier>-<8 random chars>.log`. */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_";

/**
 * An AUTO log path like supervisor's mkstemp names (`cat-stdout---supervisor-23atvvg5.log`).
 *
 * @example
 * ```ts
 * import { autoLogName } from "./auto_log_name.ts";
 * import assert from "node:assert/strict";
 * const name = autoLogName("/var/log/sv", "cat", "stdout", "supervisor", () => 0);
 * assert.equal(name, "/var/log/sv/cat-stdout---supervisor-aaaaaaaa.log");
 * ```
 */
export function autoLogName(
  childlogdir: string,
  name: string,
  channel: "stdout" | "stderr",
  identifier: string,
  random: () => number = Math.random,
): string {
  let suffix = "";
  for (let i = 0; i < 8; i++) {
    suffix += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  }
  const dir = childlogdir.endsWith("/") ? childlogdir.slice(0, -1) : childlogdir;
  return `${dir}/${name}-${channel}---${identifier}-${suffix}.log`;
}
