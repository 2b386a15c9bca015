/** supervisor's namespecs (`name`, `group:name`, `group:*`, `group:`): split, joined and told apart, for both ends of the wire. */

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

/**
 * The group of a `g:*` or `g:` namespec, else null (the namespec names a process).
 *
 * @example
 * ```ts
 * import { groupOfNamespec } from "./namespec.ts";
 * import assert from "node:assert/strict";
 * assert.equal(groupOfNamespec("grp:*"), "grp");
 * assert.equal(groupOfNamespec("grp:web"), null);
 * ```
 */
export function groupOfNamespec(namespec: string): string | null {
  const [group, process] = splitNamespec(namespec);
  return process === null ? group : null;
}
