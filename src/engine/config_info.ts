/** getAllConfigInfo: one struct per configured process, sorted by name (4.2.5 fields). */

import type { Config, LogTarget, ProcessConfig } from "../config/model.ts";
import { SIGNALS } from "../config/signal_names.ts";
import type { UserDb } from "../core/ports.ts";
import type { ProcessConfigInfo } from "../protocol/types.ts";

/** What configInfo needs to know of the running daemon. */
export interface ConfigInfoContext {
  /** Whether a group is active (`inuse`). */
  isActive(group: string): boolean;
  /** The real log path of an active process whose config is this very object, else undefined. */
  activePath(process: ProcessConfig, channel: "stdout" | "stderr"): string | null | undefined;
  /** Resolves `user=` to a uid. */
  users: UserDb;
}

/** Every process of the last-read config as supervisor's getAllConfigInfo struct, sorted by name. */
export function configInfo(config: Config, ctx: ConfigInfoContext): ProcessConfigInfo[] {
  const out: ProcessConfigInfo[] = [];
  for (const group of config.groups) {
    const inuse = ctx.isActive(group.name);
    for (const p of group.processes) {
      const logfile = (channel: "stdout" | "stderr") => {
        const real = ctx.activePath(p, channel);
        if (real !== undefined) return real ?? "none";
        return targetText(p[channel].logfile);
      };
      out.push({
        autostart: p.autostart,
        directory: p.directory,
        uid: p.user === null ? null : ctx.users.lookup(p.user)?.uid ?? null,
        command: p.command,
        exitcodes: [...p.exitcodes],
        group: group.name,
        group_prio: group.priority,
        inuse,
        killasgroup: p.killasgroup,
        name: p.name,
        process_prio: p.priority,
        redirect_stderr: p.redirectStderr,
        startretries: p.startretries,
        startsecs: p.startsecs,
        stdout_capture_maxbytes: p.stdout.captureMaxbytes,
        stdout_events_enabled: p.stdout.eventsEnabled,
        stdout_logfile: logfile("stdout"),
        stdout_logfile_backups: p.stdout.backups,
        stdout_logfile_maxbytes: p.stdout.maxbytes,
        stdout_syslog: p.stdout.syslog,
        stderr_capture_maxbytes: p.stderr.captureMaxbytes,
        stderr_events_enabled: p.stderr.eventsEnabled,
        stderr_logfile: logfile("stderr"),
        stderr_logfile_backups: p.stderr.backups,
        stderr_logfile_maxbytes: p.stderr.maxbytes,
        stderr_syslog: p.stderr.syslog,
        stopsignal: SIGNALS[p.stopsignal.toUpperCase().replace(/^SIG/, "")] ?? 15,
        stopwaitsecs: p.stopwaitsecs,
        serverurl: p.serverurl ?? "none",
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function targetText(target: LogTarget): string {
  if (target.kind === "auto") return "auto";
  if (target.kind === "none") return "none";
  return target.path;
}
