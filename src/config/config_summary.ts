/** The short, readable summary `svisor check` prints for a loaded config. */

import type { Config, GroupConfig, LogTarget, ProcessConfig, StreamLogConfig } from "./model.ts";
import { describeProbe } from "./probe_spec.ts";

/** Options of the summary. */
export interface SummaryOptions {
  /** How to show the main file (as the user named it); default the absolute path. */
  shown?: string;
}

/**
 * Formats the summary: verdict line, files, daemon settings, control servers, groups in start
 * order with each process's namespec, command and log destinations, then notes and warnings.
 */
export function formatSummary(config: Config, options: SummaryOptions = {}): string {
  const processes = config.groups.reduce((n, g) => n + g.processes.length, 0);
  const w = config.warnings.length;
  const lines = [
    `${options.shown ?? config.file}: OK (${plural(config.groups.length, "group")}, ` +
    `${plural(processes, "process", "processes")}, ${plural(w, "warning")})`,
    "",
    "files",
    ...config.files.map((f) => `  ${f}`),
  ];
  const d = config.supervisord;
  if (d !== null) {
    lines.push(
      "",
      "supervisord",
      `  logfile      ${d.logfile} (${
        rotation(d.logfileMaxbytes, d.logfileBackups)
      }, level ${d.loglevel})`,
      `  pidfile      ${d.pidfile}`,
      `  childlogdir  ${d.childlogdir}`,
    );
    if (d.user !== null) lines.push(`  user         ${d.user}`);
    if (d.directory !== null) lines.push(`  directory    ${d.directory}`);
    if (d.identifier !== "supervisor") lines.push(`  identifier   ${d.identifier}`);
    if (Object.keys(d.environment).length > 0) lines.push(`  environment  ${env(d.environment)}`);
  }
  lines.push("", "control");
  for (const u of config.unixServers) {
    lines.push(
      `  unix socket  ${u.file} (mode ${u.chmod.toString(8).padStart(4, "0")}, ${auth(u)})`,
    );
  }
  for (const i of config.inetServers) {
    lines.push(`  http server  ${i.host === "" ? "*" : i.host}:${i.port} (${auth(i)})`);
  }
  if (config.unixServers.length + config.inetServers.length === 0) {
    lines.push(
      "  no server: nothing can control the daemon (add [unix_http_server] or [inet_http_server])",
    );
  }
  if (config.supervisorctl !== null) lines.push(`  ctl url      ${config.supervisorctl.serverurl}`);
  lines.push("", "groups (start order)");
  if (config.groups.length === 0) lines.push("  none");
  for (const group of config.groups) lines.push(...formatGroup(group));
  if (config.infos.length > 0) lines.push("", "notes", ...config.infos.map((i) => `  ${i}`));
  if (w > 0) lines.push("", "warnings", ...config.warnings.map((x) => `  ${x.message}`));
  return lines.join("\n") + "\n";
}

function formatGroup(group: GroupConfig): string[] {
  const kind = group.explicit ? `[group:${group.name}], ` : "";
  const out = [`  ${group.name} (${kind}priority ${group.priority})`];
  const first = group.processes[0];
  if (first?.eventlistener !== undefined) {
    out.push(
      `    events: ${
        first.eventlistener.events.join(", ")
      } (buffer ${first.eventlistener.bufferSize})`,
    );
  }
  if (first?.fcgi !== undefined) out.push(`    socket: ${first.fcgi.socket}`);
  if (group.processes.length === 0) out.push("    no processes");
  for (const p of group.processes) {
    const spec = p.group === p.name ? p.name : `${p.group}:${p.name}`;
    out.push(`    ${spec}${flags(p)}`);
    out.push(`      command  ${p.command.replaceAll("\n", "\\n")}`);
    out.push(`      stdout   ${stream(p.stdout)}`);
    out.push(`      stderr   ${p.redirectStderr ? "-> stdout" : stream(p.stderr)}`);
    out.push(...readinessLines(p));
  }
  return out;
}

function readinessLines(p: ProcessConfig): string[] {
  const out: string[] = [];
  const secs = (ms: number) => `${ms / 1000} s`;
  if (p.readiness !== undefined) {
    const t = p.readiness.timing;
    const passive = ["log", "notify", "fd"].includes(p.readiness.probe.kind);
    const when = passive ? "" : ` (every ${secs(t.intervalMs)}, timeout ${secs(t.timeoutMs)}` +
      `${t.initialDelayMs > 0 ? `, after ${secs(t.initialDelayMs)}` : ""}` +
      `${t.failureThreshold > 0 ? `, give up after ${t.failureThreshold}` : ""})`;
    out.push(`      ready    ${describeProbe(p.readiness.probe)}${when}`);
  }
  if (p.health !== undefined) {
    const t = p.health.timing;
    out.push(
      `      health   ${describeProbe(p.health.probe)} (every ${secs(t.intervalMs)}, timeout ` +
        `${secs(t.timeoutMs)}, ${p.health.action} after ${t.failureThreshold} failures)`,
    );
  }
  if (p.dependsOn !== undefined) {
    out.push(`      needs    ${p.dependsOn.map((d) => `${d.program}:${d.condition}`).join(", ")}`);
  }
  const r = p.restartPolicy;
  if (r !== undefined) {
    const parts: string[] = [];
    parts.push(r.forever ? "retry forever" : `${p.startretries} retries`);
    if (r.backoffMaxMs !== null) parts.push(`backoff up to ${secs(r.backoffMaxMs)}`);
    if (r.jitter > 0) parts.push(`jitter ${r.jitter}`);
    if (r.minUptimeMs > 0) parts.push(`min uptime ${secs(r.minUptimeMs)}`);
    if (r.startLimitBurst > 0) {
      parts.push(`at most ${r.startLimitBurst} starts per ${secs(r.startLimitIntervalMs)}`);
    }
    if (r.maxMemory !== null) parts.push(`max memory ${bytes(r.maxMemory)}`);
    if (r.schedule !== null) parts.push(`restart at "${r.schedule}"`);
    out.push(`      restart  ${parts.join(", ")}`);
  }
  return out;
}

function flags(p: ProcessConfig): string {
  const f: string[] = [];
  if (!p.autostart) f.push("autostart=false");
  if (p.user !== null) f.push(`user ${p.user}`);
  if (p.directory !== null) f.push(`in ${p.directory}`);
  if (p.vital !== undefined) f.push(`vital: exit ${p.vital.exitcode} on ${p.vital.on}`);
  return f.length === 0 ? "" : ` (${f.join(", ")})`;
}

function stream(s: StreamLogConfig): string {
  const where = target(s.logfile);
  const extra = s.logfile.kind === "none" ? "" : ` (${rotation(s.maxbytes, s.backups)})`;
  return `${where}${extra}${s.syslog ? " + syslog" : ""}`;
}

function target(t: LogTarget): string {
  return t.kind === "file" ? t.path : t.kind === "auto" ? "AUTO" : "NONE";
}

function rotation(maxbytes: number, backups: number): string {
  return maxbytes === 0 ? "no rotation" : `rotate at ${bytes(maxbytes)}, keep ${backups}`;
}

function bytes(n: number): string {
  for (const [unit, size] of [["GB", 1024 ** 3], ["MB", 1024 ** 2], ["KB", 1024]] as const) {
    if (n >= size && n % size === 0) return `${n / size}${unit}`;
  }
  return `${n} bytes`;
}

function auth(s: { username: string | null }): string {
  return s.username === null ? "no auth" : `user "${s.username}"`;
}

function env(e: Record<string, string>): string {
  return Object.entries(e).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
