/** `[program:x]` (and the program part of `[fcgi-program:x]`, `[eventlistener:x]`): one ProcessConfig per numprocs member. */

import { parseVital, parseVitalExitcode } from "./vital_option.ts";
import { environmentPairs } from "./key_value_pairs.ts";
import type { LogTarget, ProcessConfig, ProgramKind, StreamLogConfig } from "./model.ts";
import { existingDirpath } from "./paths.ts";
import { readEventListenerOptions, readFcgiOptions } from "./program_extras.ts";
import { readReadinessOptions } from "./readiness_options.ts";
import { readRestartPolicy } from "./restart_policy_options.ts";
import { type LoadContext, type Names, SectionReader } from "./section_reader.ts";
import { checkUser } from "./user_checks.ts";
import {
  BadValue,
  parseAutorestart,
  parseBoolean,
  parseByteSize,
  parseExitcodes,
  parseInteger,
  parseName,
  parseOctal,
  q,
} from "./value_types.ts";
import { parseSignal } from "./signal_names.ts";

/** Options that may use `process_num` and `numprocs` (read once per process). */
export const PER_PROCESS_OPTIONS: readonly string[] = [
  "process_name",
  "command",
  "environment",
  "directory",
  "stdout_logfile",
  "stdout_logfile_maxbytes",
  "stdout_logfile_backups",
  "stdout_syslog",
  "stderr_logfile",
  "stderr_logfile_maxbytes",
  "stderr_logfile_backups",
  "stderr_syslog",
];

/** The names a program-type section's options expand before the per-process loop. */
export function programNames(ctx: LoadContext, programName: string, groupName: string): Names {
  return {
    ...ctx.envNames,
    here: ctx.here,
    program_name: programName,
    host_node_name: ctx.hostname,
    group_name: groupName,
  };
}

/** Why `process_num` and `numprocs` fail in an option read before the per-process loop. */
export function perSectionOnly(option: string): Record<string, string> {
  const why = `${option} is read once per section, before process_num and numprocs exist ` +
    `(they work in ${
      PER_PROCESS_OPTIONS.slice(0, 5).join(", ")
    } and the stdout_/stderr_ log options)`;
  return { process_num: why, numprocs: why };
}

/**
 * Reads a program-type section into its processes, sorted by name like supervisor; returns []
 * when the section has errors (they are recorded in the context).
 */
export function readProgramSection(
  ctx: LoadContext,
  section: string,
  kind: ProgramKind,
  groupName: string,
  serverurl: string | null,
): ProcessConfig[] {
  const r = new SectionReader(ctx, section);
  const errorsBefore = ctx.problems.errors.length;
  let programName: string;
  try {
    programName = parseName(section.slice(section.indexOf(":") + 1));
  } catch (e) {
    if (!(e instanceof BadValue)) throw e;
    r.error(undefined, e.message);
    return [];
  }
  const names = programNames(ctx, programName, groupName);
  const pre = <T>(option: string, fallback: T, parse: (text: string) => T): T =>
    r.typed(option, fallback, names, parse, { unavailable: perSectionOnly(option) });

  const priority = pre("priority", 999, parseInteger);
  const autostart = pre("autostart", true, parseBoolean);
  const autorestart = pre("autorestart", "unexpected" as const, parseAutorestart);
  const startsecs = pre("startsecs", 1, parseInteger);
  const startretries = pre("startretries", 3, parseInteger);
  const stopsignal = pre("stopsignal", "TERM", parseSignal);
  const stopwaitsecs = pre("stopwaitsecs", 10, parseInteger);
  const stopasgroup = pre("stopasgroup", false, parseBoolean);
  const killasgroup = pre("killasgroup", stopasgroup, parseBoolean);
  const exitcodes = pre("exitcodes", [0], parseExitcodes);
  const redirectStderr = pre("redirect_stderr", false, parseBoolean);
  const vitalOn = pre("vital", false as const, parseVital);
  const vitalExitcode = pre("vital_exitcode", 1, parseVitalExitcode);
  if (vitalOn === false && r.has("vital_exitcode")) {
    r.warn("vital_exitcode", "vital_exitcode has no effect without vital=fatal or vital=exit");
  }
  const numprocs = pre("numprocs", 1, parseInteger);
  const numprocsStart = pre("numprocs_start", 0, parseInteger);
  const environmentRaw = r.option("environment")?.value ?? "";
  const capture = {
    stdout: pre("stdout_capture_maxbytes", 0, parseByteSize),
    stderr: pre("stderr_capture_maxbytes", 0, parseByteSize),
  };
  const events = {
    stdout: pre("stdout_events_enabled", false, parseBoolean),
    stderr: pre("stderr_events_enabled", false, parseBoolean),
  };
  let ownUrl = r.text("serverurl", names, { unavailable: perSectionOnly("serverurl") }) ?? null;
  if (ownUrl !== null && ownUrl.trim().toUpperCase() === "AUTO") ownUrl = null;
  const user = r.text("user", names, { unavailable: perSectionOnly("user") }) ?? null;
  if (user !== null) checkUser("user", user, r);
  const umask = r.optional("umask", names, parseOctal, { unavailable: perSectionOnly("umask") });
  const processNameRaw = r.option("process_name")?.value ?? "%(program_name)s";
  r.parse("process_name", processNameRaw, "", parseName);

  if (numprocs > 1 && !processNameRaw.includes("%(process_num)")) {
    r.error(
      r.has("process_name") ? "process_name" : "numprocs",
      `numprocs is ${numprocs}, so process_name must contain %(process_num) ` +
        `(e.g. process_name=%(program_name)s_%(process_num)02d), or every process would have the same name`,
    );
  }
  if (numprocs < 1) r.warn("numprocs", `numprocs is ${numprocs}: the program has no processes`);
  if (stopasgroup && !killasgroup) {
    r.error(
      "killasgroup",
      "stopasgroup=true implies killasgroup=true; killasgroup=false contradicts it",
    );
  }
  if (!r.has("command")) {
    r.error(undefined, "does not specify a command (command= is required)");
  }

  const eventlistener = kind === "eventlistener" ? readEventListenerOptions(r, capture) : undefined;
  const fcgi = kind === "fcgi-program" ? readFcgiOptions(r, programName, user) : undefined;
  const readiness = readReadinessOptions(r, names);
  const restartPolicy = readRestartPolicy(r, names);

  const processes: ProcessConfig[] = [];
  for (let num = numprocsStart; num < numprocsStart + numprocs; num++) {
    const before = ctx.problems.errors.length;
    const procNames: Record<string, string | number> = { ...names, process_num: num, numprocs };
    const envText = r.expand("environment", environmentRaw, procNames);
    const environment = envText === null ? {} : environmentPairs(r, envText);
    for (const [k, v] of Object.entries(environment)) procNames[`ENV_${k}`] = v;
    const stdout = readStream(r, "stdout", procNames, capture.stdout, events.stdout);
    const stderr = readStream(r, "stderr", procNames, capture.stderr, events.stderr);
    if (redirectStderr) {
      if (stderr.logfile.kind === "file") {
        r.warn(
          "stderr_logfile",
          "redirect_stderr=true sends stderr to the stdout log, so this file is never written",
        );
      }
      stderr.logfile = { kind: "none" };
    }
    const command = r.text("command", procNames);
    const nameText = r.expand("process_name", processNameRaw, procNames);
    const name = nameText === null ? "" : r.parse("process_name", nameText, "", parseName);
    processes.push({
      name,
      group: groupName,
      program: programName,
      kind,
      command: command ?? "",
      processNum: num,
      priority,
      autostart,
      startsecs,
      startretries,
      autorestart,
      exitcodes,
      stopsignal,
      stopwaitsecs,
      stopasgroup,
      killasgroup,
      user,
      redirectStderr,
      stdout,
      stderr,
      environment,
      directory: r.text("directory", procNames) ?? null,
      umask,
      serverurl: ownUrl ?? serverurl,
      ...(eventlistener === undefined ? {} : { eventlistener }),
      ...(fcgi === undefined ? {} : { fcgi }),
      ...(vitalOn === false ? {} : { vital: { on: vitalOn, exitcode: vitalExitcode } }),
      ...readiness,
      ...restartPolicy,
    });
    // One member's errors would repeat for every member: report them once.
    if (ctx.problems.errors.length > before) break;
  }
  if (ctx.problems.errors.length > errorsBefore) return [];
  const seen = new Set<string>();
  for (const p of processes) {
    if (seen.has(p.name)) r.error("process_name", `two processes are named ${q(p.name)}`);
    seen.add(p.name);
  }
  return processes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The six log options of one stream, read per process (`std*_logfile` expanded twice, like 4.2.5). */
function readStream(
  r: SectionReader,
  stream: "stdout" | "stderr",
  names: Names,
  captureMaxbytes: number,
  eventsEnabled: boolean,
): StreamLogConfig {
  const key = `${stream}_logfile`;
  const backups = r.typed(`${key}_backups`, 10, names, parseInteger);
  const maxbytes = r.typed(`${key}_maxbytes`, 50 * 1024 * 1024, names, parseByteSize);
  let syslog = r.typed(`${stream}_syslog`, false, names, parseBoolean);
  const text = r.text(key, names, { twice: true });
  let logfile: LogTarget = { kind: "auto" };
  if (typeof text === "string") {
    const lower = text.toLowerCase();
    if (lower === "none" || lower === "off") logfile = { kind: "none" };
    else if (lower === "auto") logfile = { kind: "auto" };
    else if (lower === "syslog") {
      r.warn(key, `${key}=syslog is deprecated; use ${stream}_syslog=true instead`);
      logfile = { kind: "none" };
      syslog = true;
    } else {
      const path = existingDirpath(key, text, r);
      logfile = { kind: "file", path: path ?? text };
    }
  }
  if (logfile.kind === "auto" && maxbytes === 0) {
    r.warn(
      `${key}_maxbytes`,
      `AUTO logging without rollover (maxbytes=0) can fill up the file system; set maxbytes > 0`,
    );
  }
  return { logfile, maxbytes, backups, captureMaxbytes, eventsEnabled, syslog };
}
