/** supervisor's namespecs (`name`, `group:name`, `group:*`, `group:`) for the engine's lookups. */

/**
 * Splits a namespec into group and process; the process is null for `group:` and `group:*`, and a
 * bare name is both group and process (supervisor's `split_namespec`).
 *
 * @example
 * ```ts
 * import { splitNamespec } from "./namespec.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitNamespec("web"), ["web", "web"]);
 * assert.deepEqual(splitNamespec("grp:*"), ["grp", null]);
 * assert.deepEqual(splitNamespec("grp:web_01"), ["grp", "web_01"]);
 * ```
 */
export function splitNamespec(namespec: string): [group: string, process: string | null] {
  const colon = namespec.indexOf(":");
  if (colon < 0) return [namespec, namespec];
  const process = namespec.slice(colon + 1);
  return [namespec.slice(0, colon), process === "" || process === "*" ? null : process];
}

/** The short namespec of a process: the bare name when group and process are equal. */
export function makeNamespec(group: string, process: string): string {
  return group === process ? group : `${group}:${process}`;
}
