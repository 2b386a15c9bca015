/** Builds Config models by hand for engine and state-machine tests (supervisor's defaults, then overrides). */

import type {
  Config,
  DaemonConfig,
  GroupConfig,
  ProcessConfig,
  StreamLogConfig,
} from "../../src/config/model.ts";

/** Overrides of a process config; `stdout`/`stderr` are merged over the defaults. */
export type ProcessOverrides = Partial<Omit<ProcessConfig, "stdout" | "stderr">> & {
  stdout?: Partial<StreamLogConfig>;
  stderr?: Partial<StreamLogConfig>;
};

/** A stream log config with supervisor's defaults (AUTO, 50MB, 10 backups). */
export function streamConfig(overrides: Partial<StreamLogConfig> = {}): StreamLogConfig {
  return {
    logfile: { kind: "auto" },
    maxbytes: 50 * 1024 * 1024,
    backups: 10,
    captureMaxbytes: 0,
    eventsEnabled: false,
    syslog: false,
    ...overrides,
  };
}

/** A `[program:x]` process with supervisor's defaults; the group defaults to the name. */
export function processConfig(name: string, overrides: ProcessOverrides = {}): ProcessConfig {
  const { stdout, stderr, ...rest } = overrides;
  return {
    name,
    group: name,
    program: name,
    kind: "program",
    command: `/bin/${name}`,
    processNum: 0,
    priority: 999,
    autostart: true,
    startsecs: 1,
    startretries: 3,
    autorestart: "unexpected",
    exitcodes: [0],
    stopsignal: "TERM",
    stopwaitsecs: 10,
    stopasgroup: false,
    killasgroup: false,
    user: null,
    redirectStderr: false,
    stdout: streamConfig(stdout),
    stderr: streamConfig(stderr),
    environment: {},
    directory: null,
    umask: null,
    serverurl: null,
    ...rest,
  };
}

/** A group: the implicit group of one program, or an explicit `[group:x]` with several. */
export function groupConfig(
  name: string,
  processes: ProcessConfig[],
  options: { priority?: number; explicit?: boolean } = {},
): GroupConfig {
  return {
    name,
    priority: options.priority ?? processes[0]?.priority ?? 999,
    explicit: options.explicit ?? false,
    processes: processes.map((p) => ({ ...p, group: name })),
  };
}

/** The implicit group of a single program. */
export function programGroup(name: string, overrides: ProcessOverrides = {}): GroupConfig {
  return groupConfig(name, [processConfig(name, overrides)]);
}

/** `[supervisord]` with supervisor's defaults. */
export function daemonConfig(overrides: Partial<DaemonConfig> = {}): DaemonConfig {
  return {
    logfile: "/var/log/svisor/supervisord.log",
    logfileMaxbytes: 50 * 1024 * 1024,
    logfileBackups: 10,
    loglevel: "info",
    pidfile: "/run/svisor.pid",
    umask: 0o22,
    nodaemon: true,
    silent: false,
    minfds: 1024,
    minprocs: 200,
    nocleanup: false,
    childlogdir: "/tmp/logs",
    user: null,
    directory: null,
    stripAnsi: false,
    environment: {},
    identifier: "supervisor",
    eventStreamHistory: 1000,
    ...overrides,
  };
}

/** A whole Config from groups, sorted like the loader does (priority, then name). */
export function buildConfig(
  groups: GroupConfig[],
  options: { supervisord?: Partial<DaemonConfig> } = {},
): Config {
  const sorted = [...groups].sort((a, b) =>
    a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
  return {
    file: "/etc/svisor.conf",
    files: ["/etc/svisor.conf"],
    supervisord: daemonConfig(options.supervisord),
    unixServers: [],
    inetServers: [],
    supervisorctl: null,
    groups: sorted,
    warnings: [],
    infos: [],
  };
}
