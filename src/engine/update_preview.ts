/**
 * `update --dry-run`: what supervisorctl's update rule would do to each group, with every changed
 * option old -> new and the processes that would stop and start; computed from the active and the
 * re-read configs, changing nothing.
 */

import type { GroupConfig, LogTarget, ProcessConfig, StreamLogConfig } from "../config/model.ts";
import { describeProbe } from "../config/probe_spec.ts";
import type { GroupPreview, OptionChange, UpdatePreview } from "../protocol/types.ts";
import { diffGroups } from "./config_diff.ts";

/** The active side of a group: its config and which of its processes run now. */
export interface ActiveGroup {
  /** The active config. */
  config: GroupConfig;
  /** Namespecs of its processes not in a stopped state. */
  running: string[];
}

/**
 * The preview of update over `only` (null, empty or holding `all`: every group).
 *
 * @example
 * ```ts
 * import { previewUpdate } from "./update_preview.ts";
 * import assert from "node:assert/strict";
 * const g = (name: string) => ({ name, priority: 999, explicit: false, processes: [] });
 * const p = previewUpdate([], [g("web")], null);
 * assert.deepEqual(p.groups, [{ group: "web", change: "added", options: [], stops: [], starts: [] }]);
 * ```
 */
export function previewUpdate(
  active: readonly ActiveGroup[],
  next: readonly GroupConfig[],
  only: readonly string[] | null,
): UpdatePreview {
  const diff = diffGroups(active.map((a) => a.config), next);
  const wanted = new Set(only === null || only.includes("all") ? [] : only);
  const chosen = (g: string) => wanted.size === 0 || wanted.has(g);
  const problems: UpdatePreview["problems"] = [];
  const known = new Set([...active.map((a) => a.config.name), ...diff.added]);
  for (const g of wanted) if (!known.has(g)) problems.push({ group: g, message: "no such group" });
  const activeOf = new Map(active.map((a) => [a.config.name, a]));
  const nextOf = new Map(next.map((g) => [g.name, g]));
  const groups: GroupPreview[] = [];
  for (const g of diff.removed.filter(chosen)) {
    groups.push({
      group: g,
      change: "removed",
      options: [],
      stops: activeOf.get(g)?.running ?? [],
      starts: [],
    });
  }
  for (const g of diff.changed.filter(chosen)) {
    const old = activeOf.get(g)!;
    const neu = nextOf.get(g)!;
    groups.push({
      group: g,
      change: "changed",
      options: groupChanges(old.config, neu),
      stops: old.running,
      starts: autostarted(neu),
    });
  }
  for (const g of diff.added.filter(chosen)) {
    const neu = nextOf.get(g)!;
    groups.push({ group: g, change: "added", options: [], stops: [], starts: autostarted(neu) });
  }
  return { groups, problems };
}

function autostarted(g: GroupConfig): string[] {
  return g.processes.filter((p) => p.autostart).map((p) => namespec(g, p));
}

function namespec(g: GroupConfig, p: ProcessConfig): string {
  return g.explicit || g.name !== p.name ? `${g.name}:${p.name}` : p.name;
}

/** Every option that differs between two versions of a group. */
export function groupChanges(a: GroupConfig, b: GroupConfig): OptionChange[] {
  const out: OptionChange[] = [];
  if (a.priority !== b.priority) {
    out.push({ process: "", option: "priority", old: String(a.priority), new: String(b.priority) });
  }
  const byName = new Map(a.processes.map((p) => [p.name, p]));
  for (const q of b.processes) {
    const p = byName.get(q.name);
    byName.delete(q.name);
    if (p === undefined) {
      out.push({ process: q.name, option: "process", old: "(none)", new: "added" });
      continue;
    }
    const before = optionTexts(p);
    const after = optionTexts(q);
    for (const [option, text] of after) {
      const was = before.get(option) ?? "(none)";
      if (was !== text) out.push({ process: q.name, option, old: was, new: text });
    }
    for (const [option, was] of before) {
      if (!after.has(option)) out.push({ process: q.name, option, old: was, new: "(none)" });
    }
  }
  for (const p of byName.values()) {
    out.push({ process: p.name, option: "process", old: "present", new: "(none)" });
  }
  return out;
}

/** A process's options as config option names and texts (AUTO logs compare equal to anything, as update does). */
function optionTexts(p: ProcessConfig): Map<string, string> {
  const m = new Map<string, string>();
  const put = (k: string, v: unknown) => m.set(k, text(v));
  put("command", p.command);
  put("priority", p.priority);
  put("autostart", p.autostart);
  put("startsecs", p.startsecs);
  put("startretries", p.startretries);
  put("autorestart", p.autorestart);
  put("exitcodes", p.exitcodes.join(","));
  put("stopsignal", p.stopsignal);
  put("stopwaitsecs", p.stopwaitsecs);
  put("stopasgroup", p.stopasgroup);
  put("killasgroup", p.killasgroup);
  put("user", p.user);
  put("redirect_stderr", p.redirectStderr);
  put("directory", p.directory);
  put("umask", p.umask === null ? null : p.umask.toString(8).padStart(3, "0"));
  put("serverurl", p.serverurl);
  put(
    "environment",
    Object.entries(p.environment).sort().map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(","),
  );
  for (const ch of ["stdout", "stderr"] as const) streamTexts(ch, p[ch], put);
  if (p.readiness !== undefined) {
    put("readiness_check", describeProbe(p.readiness.probe));
    put("readiness_timing", JSON.stringify(p.readiness.timing));
  }
  if (p.health !== undefined) {
    put("healthcheck", `${describeProbe(p.health.probe)}, ${p.health.action}`);
    put("healthcheck_timing", JSON.stringify(p.health.timing));
  }
  if (p.dependsOn !== undefined) {
    put("depends_on", p.dependsOn.map((d) => `${d.program}:${d.condition}`).join(", "));
  }
  for (const [k, v] of Object.entries(p.eventlistener ?? {})) {
    put(k === "bufferSize" ? "buffer_size" : k, v);
  }
  for (const [k, v] of Object.entries(p.fcgi ?? {})) put(k, v);
  return m;
}

function streamTexts(
  ch: "stdout" | "stderr",
  s: StreamLogConfig,
  put: (k: string, v: unknown) => void,
): void {
  if (s.logfile.kind !== "auto") put(`${ch}_logfile`, target(s.logfile));
  put(`${ch}_logfile_maxbytes`, s.maxbytes);
  put(`${ch}_logfile_backups`, s.backups);
  put(`${ch}_capture_maxbytes`, s.captureMaxbytes);
  put(`${ch}_events_enabled`, s.eventsEnabled);
  put(`${ch}_syslog`, s.syslog);
}

function target(t: LogTarget): string {
  return t.kind === "file" ? t.path : t.kind === "auto" ? "AUTO" : "NONE";
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "(none)";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
