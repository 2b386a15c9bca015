/** Decodes `why`'s JSON answer (`{explanation: {namespec, statename, readiness, lines}}`), naming the first wrong member. */

import { ProtocolError } from "./rpc_values.ts";
import { isProcessStateName } from "./states.ts";
import type { Explanation } from "./types.ts";

/**
 * The explanation in a `GET /api/v1/processes/{name}/why` answer.
 *
 * @example
 * ```ts
 * import { decodeExplanation } from "./explanation_codec.ts";
 * import assert from "node:assert/strict";
 * const e = { namespec: "web", statename: "RUNNING", readiness: "ready", lines: ["web: RUNNING"] };
 * assert.deepEqual(decodeExplanation({ explanation: e }, "why"), e);
 * ```
 */
export function decodeExplanation(answer: unknown, where: string): Explanation {
  const e = (answer as { explanation?: unknown } | null)?.explanation as
    | Record<string, unknown>
    | undefined;
  if (typeof e !== "object" || e === null) throw new ProtocolError(`${where}: no "explanation"`);
  const str = (k: string): string => {
    if (typeof e[k] !== "string") {
      throw new ProtocolError(`${where}: member "${k}" is not a string`);
    }
    return e[k] as string;
  };
  const statename = str("statename");
  if (!isProcessStateName(statename)) {
    throw new ProtocolError(`${where}: member "statename" is not a state: "${statename}"`);
  }
  const lines = e.lines;
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === "string")) {
    throw new ProtocolError(`${where}: member "lines" is not a list of strings`);
  }
  return { namespec: str("namespec"), statename, readiness: str("readiness"), lines };
}
