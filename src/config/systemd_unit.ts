/**
 * The systemd unit `svisor service` writes: pure text from the command that runs the daemon and
 * the config it runs, with systemd's quoting rules for `ExecStart=`.
 */

import type { Config } from "./model.ts";

/** The first line of every unit svisor writes; `install` overwrites only files that have it. */
export const UNIT_MARKER = "# Written by svisor service install";

/** What the unit is made from. */
export interface UnitOptions {
  /** Absolute path of the executable (the compiled binary, or deno). */
  file: string;
  /** Its arguments up to and including `daemon -n -c CONFIG`. */
  args: readonly string[];
  /** The loaded config (minfds, the programs' stopwaitsecs, the config path). */
  config: Config;
  /** A user unit (`WantedBy=default.target`) rather than a system one. */
  user: boolean;
  /** `WatchdogSec=` in seconds, or null for no watchdog. */
  watchdogSec: number | null;
}

/**
 * One word of `ExecStart=`: as is when plain, else double-quoted with `\\` and `"` escaped; `%`
 * doubled (unit specifiers) and `$` doubled (environment expansion) in every case.
 *
 * @example
 * ```ts
 * import { unitWord } from "./systemd_unit.ts";
 * import assert from "node:assert/strict";
 * assert.equal(unitWord("/etc/svisor.conf"), "/etc/svisor.conf");
 * assert.equal(unitWord("/srv/my app/50%.conf"), '"/srv/my app/50%%.conf"');
 * ```
 */
export function unitWord(word: string): string {
  const escaped = word.replaceAll("%", "%%").replaceAll("$", "$$$$");
  if (word !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return escaped;
  return `"${escaped.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * Seconds systemd should wait for a stop: groups stop one after another, so the sum of each
 * group's longest `stopwaitsecs`, plus 10 s for the daemon itself (systemd's default is 90 s).
 */
export function stopTimeout(config: Config): number {
  let total = 10;
  for (const g of config.groups) {
    total += Math.max(0, ...g.processes.map((p) => p.stopwaitsecs));
  }
  return Math.max(90, total);
}

/**
 * The unit text.
 *
 * @example
 * ```ts
 * import { unitText } from "./systemd_unit.ts";
 * import assert from "node:assert/strict";
 * const config = { file: "/etc/svisor.conf", groups: [], supervisord: { minfds: 4096 } };
 * const text = unitText({
 *   file: "/usr/local/bin/svisor",
 *   args: ["daemon", "-n", "-c", "/etc/svisor.conf"],
 *   config: config as never,
 *   user: false,
 *   watchdogSec: null,
 * });
 * assert.match(text, /^ExecStart=\/usr\/local\/bin\/svisor daemon -n -c \/etc\/svisor.conf$/m);
 * assert.match(text, /^LimitNOFILE=4096:524288$/m);
 * ```
 */
export function unitText(options: UnitOptions): string {
  const { config } = options;
  const exec = [options.file, ...options.args].map(unitWord).join(" ");
  const lines = [
    UNIT_MARKER + "; it will not overwrite a unit without this line unless --force.",
    "[Unit]",
    `Description=svisor process supervisor (${config.file})`,
    "Documentation=man:supervisord(1)",
    ...(options.user ? [] : ["After=network-online.target", "Wants=network-online.target"]),
    "",
    "[Service]",
    "Type=notify",
    "NotifyAccess=main",
    `ExecStart=${exec}`,
    "ExecReload=/bin/kill -HUP $MAINPID",
    "KillMode=mixed",
    "Restart=on-failure",
    `TimeoutStopSec=${stopTimeout(config)}`,
    `LimitNOFILE=${limitNofile(config.supervisord?.minfds ?? 1024)}`,
    ...(options.watchdogSec === null ? [] : [`WatchdogSec=${options.watchdogSec}`]),
    "",
    "[Install]",
    `WantedBy=${options.user ? "default.target" : "multi-user.target"}`,
    "",
  ];
  return lines.join("\n");
}

/**
 * `LimitNOFILE=`: `minfds` as the soft limit, systemd's default hard limit (524288) kept, so a
 * small `minfds` never lowers what the programs may raise themselves to.
 */
function limitNofile(minfds: number): string {
  return `${minfds}:${Math.max(minfds, 524288)}`;
}
