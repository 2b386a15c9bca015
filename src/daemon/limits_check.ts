/** minfds and minprocs: the soft limits supervisord raises at startup, and when it gives up. */

import type { DaemonConfig } from "../config/model.ts";
import type { Limit, ProcessLimits } from "../sys/rlimits.ts";

/** One limit to set: the resource, the pair to ask for, and supervisord's text if it is refused. */
export interface LimitChange {
  /** Which limit. */
  resource: "NOFILE" | "NPROC";
  /** The soft limit to set. */
  soft: number;
  /** The hard limit to set (null: unlimited, kept). */
  hard: number | null;
  /** The activity-log line once set (`Increased RLIMIT_NOFILE limit to 1024`). */
  info: string;
  /** supervisord's usage text when the OS refuses. */
  refused: string;
}

/**
 * The limits to set before anything starts, as supervisord's set_rlimits_or_exit: a soft limit below
 * the minimum is raised to it (and the hard one with it when that is lower too: only root may).
 * A soft limit above the minimum is left as it is: Deno raises its own soft RLIMIT_NOFILE to the
 * hard limit when it starts, so the daemon and its children have that (supervisord's have the shell's
 * soft limit); lowering it to minfds would starve a daemon of many programs.
 *
 * @example
 * ```ts
 * import { planLimits } from "./limits_check.ts";
 * import assert from "node:assert/strict";
 * const limits = { openFiles: { soft: 20000, hard: 20000 }, processes: { soft: 100, hard: null } };
 * const plan = planLimits({ minfds: 1024, minprocs: 200 }, limits);
 * assert.deepEqual(plan.map((c) => [c.resource, c.soft, c.hard]), [["NPROC", 200, null]]);
 * assert.equal(plan[0]!.info, "Increased RLIMIT_NPROC limit to 200");
 * ```
 */
export function planLimits(
  settings: Pick<DaemonConfig, "minfds" | "minprocs">,
  limits: ProcessLimits,
): LimitChange[] {
  const changes: LimitChange[] = [];
  const nofile = change("NOFILE", settings.minfds, limits.openFiles, FILES_TEXT);
  // Only ever raised, as supervisord does: Deno starts with the soft limit at the hard one, and a
  // daemon of many programs needs those descriptors (two log files and three pipes per process).
  if (nofile !== null) changes.push(nofile);
  const nproc = change("NPROC", settings.minprocs, limits.processes, PROCS_TEXT);
  if (nproc !== null) changes.push(nproc);
  return changes;
}

function change(
  resource: "NOFILE" | "NPROC",
  min: number,
  limit: Limit,
  text: (min: number, hard: number) => string,
): LimitChange | null {
  if (limit.soft === null || limit.soft >= min) return null;
  const hard = limit.hard !== null && limit.hard < min ? min : limit.hard;
  // supervisord formats its message after raising `hard` to the minimum: it names the minimum.
  return {
    resource,
    soft: min,
    hard,
    info: `Increased RLIMIT_${resource} limit to ${min}`,
    refused: text(min, hard ?? min),
  };
}

const FILES_TEXT = (min: number, hard: number) =>
  `The minimum number of file descriptors required to run this process is ${min} as per the "minfds" command-line argument or config file setting. The current environment will only allow you to open ${hard} file descriptors.  Either raise the number of usable file descriptors in your environment (see README.rst) or lower the minfds setting in the config file to allow the process to start.`;

const PROCS_TEXT = (min: number, hard: number) =>
  `The minimum number of available processes required to run this program is ${min} as per the "minprocs" command-line argument or config file setting. The current environment will only allow you to open ${hard} processes.  Either raise the number of usable processes in your environment (see README.rst) or lower the minprocs setting in the config file to allow the program to start.`;
