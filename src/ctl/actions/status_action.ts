/** `status [NS|g:|g:*|all ...]`: one line per process, supervisorctl's columns; `--json` for machines. */

import type { ProcessInfo } from "../../protocol/types.ts";
import type { CtlContext } from "../ctl_context.ts";
import { makeNamespec, splitNamespec } from "../../protocol/namespec.ts";
import { takeJson } from "./action_kit.ts";

/** LSB status codes `status` uses instead of the init codes. */
const STATUS_EXIT = { NOT_RUNNING: 3, UNKNOWN: 4 } as const;

const STOPPED_STATES = new Set(["STOPPED", "EXITED", "FATAL", "UNKNOWN"]);

/** Runs `status`: one getAllProcessInfo call, output built as one string. */
export async function statusAction(ctl: CtlContext, arg: string): Promise<void> {
  const names = takeJson(ctl, arg);
  if (!(await ctl.upcheck())) {
    ctl.exitStatus = STATUS_EXIT.UNKNOWN;
    return;
  }
  const all = await ctl.service().getAllProcessInfo();
  let matching: ProcessInfo[] = all;
  if (names.length > 0 && !names.includes("all")) {
    matching = [];
    for (const name of names) {
      const [group, process] = splitNamespec(name);
      const found = all.filter((i) =>
        i.group === group && (process === null || i.name === process)
      );
      if (found.length === 0) {
        ctl.output(
          process === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`,
        );
        ctl.exitStatus = STATUS_EXIT.UNKNOWN;
      }
      matching.push(...found);
    }
  }
  if (ctl.jsonActive) {
    ctl.json(matching.map((i) => ({ namespec: makeNamespec(i.group, i.name), ...i })));
  } else if (matching.length > 0) {
    ctl.write(formatStatus(matching));
  }
  if (matching.some((i) => STOPPED_STATES.has(i.statename))) {
    ctl.exitStatus = STATUS_EXIT.NOT_RUNNING;
  }
}

/**
 * supervisorctl's status table: `'%-{W}s%-10s%s'` with W = max(30, longest namespec) + 3.
 *
 * @example
 * ```ts
 * import { formatStatus } from "./status_action.ts";
 * import assert from "node:assert/strict";
 * const info = { name: "cat", group: "cat", statename: "STOPPED" as const, description: "Not started" };
 * assert.equal(formatStatus([info]), "cat" + " ".repeat(30) + "STOPPED   Not started\n");
 * ```
 */
export function formatStatus(
  infos: readonly Pick<ProcessInfo, "name" | "group" | "statename" | "description" | "readiness">[],
): string {
  const specs = infos.map((i) => makeNamespec(i.group, i.name));
  const width = Math.max(30, ...specs.map((s) => s.length)) + 3;
  // svisor's readiness word (docs/readiness.md) gets a column only when some process has one.
  const words = infos.some((i) => (i.readiness ?? "") !== "");
  const lines = infos.map((i, n) =>
    specs[n]!.padEnd(width) + i.statename.padEnd(10) +
    (words ? (i.readiness ?? "").padEnd(10) : "") + i.description
  );
  return lines.join("\n") + "\n";
}
