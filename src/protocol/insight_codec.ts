/** Decodes the answers of svisor's explaining routes (`why`, `update --dry-run`), naming the first wrong member. */

import { ProtocolError } from "./rpc_values.ts";
import { isProcessStateName } from "./states.ts";
import type { DependencyReport, Explanation, UpdatePreview } from "./types.ts";

/**
 * The explanation in a `GET /api/v1/processes/{name}/why` answer.
 *
 * @example
 * ```ts
 * import { decodeExplanation } from "./insight_codec.ts";
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

/** The answer of `GET /api/v1/update/preview`. */
export function decodeUpdatePreview(answer: unknown, where: string): UpdatePreview {
  const a = answer as Partial<UpdatePreview> | null;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!Array.isArray(a?.groups) || !Array.isArray(a?.problems)) {
    throw new ProtocolError(`${where}: no "groups" and "problems" lists`);
  }
  a.groups.forEach((g, i) => {
    const ok = typeof g?.group === "string" && ["added", "removed", "changed"].includes(g.change) &&
      Array.isArray(g.options) && strings(g.stops) && strings(g.starts) &&
      g.options.every((o) =>
        typeof o?.process === "string" && typeof o.option === "string" &&
        typeof o.old === "string" && typeof o.new === "string"
      );
    if (!ok) throw new ProtocolError(`${where}: groups[${i}] is not a group preview`);
  });
  a.problems.forEach((p, i) => {
    if (typeof p?.group !== "string" || typeof p.message !== "string") {
      throw new ProtocolError(`${where}: problems[${i}] is not {group, message}`);
    }
  });
  return { groups: a.groups, problems: a.problems };
}

/** The answer of `GET /api/v1/processes/{name}/dependencies`. */
export function decodeDependencyReport(answer: unknown, where: string): DependencyReport {
  const a = answer as Partial<DependencyReport> | null;
  const strings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!strings(a?.startedFirst) || !strings(a?.dependants)) {
    throw new ProtocolError(`${where}: "startedFirst" and "dependants" must be lists of strings`);
  }
  return { startedFirst: a.startedFirst, dependants: a.dependants };
}
