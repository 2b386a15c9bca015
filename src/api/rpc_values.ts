/** The XML-RPC shapes of the control surface's results, with supervisor's member order and types. */

import type { XmlRpcValue } from "../protocol/xmlrpc_codec.ts";
import type {
  ConfigDiff,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
} from "../protocol/types.ts";

/** getProcessInfo's struct, members in supervisor's order (ints and strings only). */
export function processInfoValue(p: ProcessInfo): XmlRpcValue {
  return {
    name: p.name,
    group: p.group,
    start: Math.trunc(p.start),
    stop: Math.trunc(p.stop),
    now: Math.trunc(p.now),
    state: p.state,
    statename: p.statename,
    spawnerr: p.spawnerr,
    exitstatus: p.exitstatus,
    logfile: p.logfile,
    stdout_logfile: p.stdout_logfile,
    stderr_logfile: p.stderr_logfile,
    pid: p.pid,
    description: p.description,
  };
}

/** The `{name, group, status, description}` array of group and all operations. */
export function resultsValue(results: readonly ProcessResult[]): XmlRpcValue {
  return results.map((r) => ({
    name: r.name,
    group: r.group,
    status: r.status,
    description: r.description,
  }));
}

/** One getAllConfigInfo struct in 4.2.5's member order; missing values travel as `'none'`. */
export function configInfoValue(c: ProcessConfigInfo): XmlRpcValue {
  return {
    autostart: c.autostart,
    directory: c.directory ?? "none",
    uid: c.uid ?? "none",
    command: c.command,
    exitcodes: [...c.exitcodes],
    group: c.group,
    group_prio: c.group_prio,
    inuse: c.inuse,
    killasgroup: c.killasgroup,
    name: c.name,
    process_prio: c.process_prio,
    redirect_stderr: c.redirect_stderr,
    startretries: c.startretries,
    startsecs: c.startsecs,
    stdout_capture_maxbytes: c.stdout_capture_maxbytes,
    stdout_events_enabled: c.stdout_events_enabled,
    stdout_logfile: c.stdout_logfile,
    stdout_logfile_backups: c.stdout_logfile_backups,
    stdout_logfile_maxbytes: c.stdout_logfile_maxbytes,
    stdout_syslog: c.stdout_syslog,
    stopsignal: c.stopsignal,
    stopwaitsecs: c.stopwaitsecs,
    stderr_capture_maxbytes: c.stderr_capture_maxbytes,
    stderr_events_enabled: c.stderr_events_enabled,
    stderr_logfile: c.stderr_logfile,
    stderr_logfile_backups: c.stderr_logfile_backups,
    stderr_logfile_maxbytes: c.stderr_logfile_maxbytes,
    stderr_syslog: c.stderr_syslog,
    serverurl: c.serverurl,
  };
}

/** tail results as supervisor's `[bytes, offset, overflow]`. */
export function tailValue(t: TailResult): XmlRpcValue {
  return [t.text, t.offset, t.overflow];
}

/** reloadConfig's `[[added, changed, removed]]`. */
export function diffValue(d: ConfigDiff): XmlRpcValue {
  return [[[...d.added], [...d.changed], [...d.removed]]];
}
