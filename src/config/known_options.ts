/** Which sections and options supervisor 4.2 reads, for the unknown-name warnings. */

import { READINESS_OPTIONS } from "./readiness_options.ts";
import { RESTART_POLICY_OPTIONS } from "./restart_policy_options.ts";

/** The kinds of section svisor knows. */
export type SectionKind =
  | "supervisord"
  | "unix_http_server"
  | "inet_http_server"
  | "supervisorctl"
  | "program"
  | "fcgi-program"
  | "eventlistener"
  | "group"
  | "include"
  | "rpcinterface"
  | "ctlplugin";

const STREAM_OPTIONS = [
  "logfile",
  "logfile_maxbytes",
  "logfile_backups",
  "capture_maxbytes",
  "events_enabled",
  "syslog",
];

/** Options of `[program:x]`. */
export const PROGRAM_OPTIONS: readonly string[] = [
  "command",
  "process_name",
  "numprocs",
  "numprocs_start",
  "priority",
  "autostart",
  "startsecs",
  "startretries",
  "autorestart",
  "exitcodes",
  "stopsignal",
  "stopwaitsecs",
  "stopasgroup",
  "killasgroup",
  "user",
  "redirect_stderr",
  ...STREAM_OPTIONS.map((o) => `stdout_${o}`),
  ...STREAM_OPTIONS.map((o) => `stderr_${o}`),
  "environment",
  "directory",
  "umask",
  "serverurl",
  // svisor's own (docs/configuration.md)
  "vital",
  "vital_exitcode",
  ...READINESS_OPTIONS,
  ...RESTART_POLICY_OPTIONS,
];

/** Known options by section kind; null means any option is accepted (plugin keyword arguments). */
export const KNOWN_OPTIONS: Readonly<Record<SectionKind, readonly string[] | null>> = {
  supervisord: [
    "logfile",
    "logfile_maxbytes",
    "logfile_backups",
    "loglevel",
    "pidfile",
    "umask",
    "nodaemon",
    "silent",
    "minfds",
    "minprocs",
    "nocleanup",
    "event_stream_history",
    "childlogdir",
    "user",
    "directory",
    "strip_ansi",
    "environment",
    "identifier",
    "refuse_unsafe_config",
  ],
  unix_http_server: ["file", "chmod", "chown", "username", "password"],
  inet_http_server: ["port", "username", "password"],
  supervisorctl: ["serverurl", "username", "password", "prompt", "history_file"],
  program: PROGRAM_OPTIONS,
  "fcgi-program": [...PROGRAM_OPTIONS, "socket", "socket_backlog", "socket_owner", "socket_mode"],
  eventlistener: [...PROGRAM_OPTIONS, "events", "buffer_size", "result_handler"],
  group: ["programs", "priority"],
  include: ["files"],
  rpcinterface: null,
  ctlplugin: null,
};

const PREFIXED: readonly SectionKind[] = [
  "program",
  "fcgi-program",
  "eventlistener",
  "group",
  "rpcinterface",
  "ctlplugin",
];

/** The kind of a section from its name (`program:web` -> `program`), or null when unknown. */
export function sectionKind(section: string): SectionKind | null {
  if (section === "supervisord" || section === "supervisorctl" || section === "include") {
    return section;
  }
  if (section.startsWith("unix_http_server")) return "unix_http_server";
  if (section.startsWith("inet_http_server")) return "inet_http_server";
  for (const kind of PREFIXED) if (section.startsWith(`${kind}:`)) return kind;
  return null;
}

/** Every section name pattern, for suggestions: plain names and `kind:` prefixes. */
export const SECTION_NAMES: readonly string[] = [
  "supervisord",
  "supervisorctl",
  "include",
  "unix_http_server",
  "inet_http_server",
  ...PREFIXED,
];
