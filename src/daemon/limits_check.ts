/** minfds and minprocs: the daemon refuses to start when the soft limits are below them. */

import type { DaemonConfig } from "../config/model.ts";
import type { Limit, ProcessLimits } from "../sys/rlimits.ts";
import { StartupError } from "./startup_error.ts";

/**
 * Throws StartupError, with supervisord's advice, when a soft limit is below minfds or minprocs.
 * Deno cannot call setrlimit, so where supervisord raises the soft limit svisor asks the operator to.
 *
 * @example
 * ```ts
 * import { checkLimits } from "./limits_check.ts";
 * import assert from "node:assert/strict";
 * const limits = { openFiles: { soft: 256, hard: 4096 }, processes: { soft: null, hard: null } };
 * assert.throws(() => checkLimits({ minfds: 1024, minprocs: 200 }, limits), /minfds/);
 * checkLimits({ minfds: 200, minprocs: 200 }, limits);
 * ```
 */
export function checkLimits(
  settings: Pick<DaemonConfig, "minfds" | "minprocs">,
  limits: ProcessLimits,
): void {
  const check = (min: number, limit: Limit, name: string, what: string, ulimit: string) => {
    if (limit.soft === null || limit.soft >= min) return;
    throw new StartupError(
      `The minimum number of ${what} required to run this process is ${min} as per the "${name}" ` +
        `command-line argument or config file setting. The current environment will only allow you ` +
        `to open ${limit.soft} ${what} (hard limit ${
          limit.hard ?? "unlimited"
        }).  Either raise the ` +
        `limit (ulimit ${ulimit} ${min}, or LimitNOFILE=/LimitNPROC= in a systemd unit) or lower ` +
        `the ${name} setting in the config file to allow the process to start.`,
    );
  };
  check(settings.minfds, limits.openFiles, "minfds", "file descriptors", "-n");
  check(settings.minprocs, limits.processes, "minprocs", "processes", "-u");
}
