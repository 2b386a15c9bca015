/**
 * One life of the daemon in this process, on Deno: opens the control servers, drops privileges,
 * opens the activity log, writes the pidfile, runs the engine, and answers signals and API
 * requests (shutdown, restart, log reopen) until told to exit.
 */

import process from "node:process";
import type { Config, DaemonConfig } from "../config/model.ts";
import type { LogLevel } from "../core/ports.ts";
import { createEngine, type Engine } from "../engine/engine.ts";
import { DenoNotifySockets } from "../sys/notify_sockets.ts";
import { denoProbeRunner } from "../sys/probe_runner.ts";
import { procMemoryReader } from "../sys/proc_memory.ts";
import { EventBus } from "../events/event_bus.ts";
import { levelFromName } from "../log/activity_line.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { ActivityLogFile } from "../sys/activity_log_file.ts";
import { denoSpawner } from "../sys/deno_spawner.ts";
import { denoFileProbe } from "../sys/file_probe.ts";
import { fileLogReader } from "../sys/file_log_reader.ts";
import { fileLogSinks } from "../sys/file_log_sinks.ts";
import { removePidfile, writePidfile } from "../sys/pidfile.ts";
import { readLimits } from "../sys/rlimits.ts";
import { systemClock } from "../sys/system_clock.ts";
import { denoUserDb } from "../sys/user_db.ts";
import { removeAutoLogs } from "./auto_log_cleanup.ts";
import { applyOverrides, type DaemonArgs } from "./daemon_options.ts";
import { openHttpServers } from "./http_servers.ts";
import { checkLimits } from "./limits_check.ts";
import { EngineHolder } from "./engine_holder.ts";
import { dropPrivileges } from "./privileges.ts";
import { RequestQueue } from "./request_queue.ts";
import { StartupError } from "./startup_error.ts";

/** What one daemon run needs. */
export interface DaemonRunOptions {
  /** The loaded config (with `[supervisord]`). */
  config: Config;
  /** The command line. */
  args: DaemonArgs;
  /** Re-reads the config (SIGHUP, reread); throws ConfigErrors when it cannot. */
  reloadConfig: () => Config;
  /** This process is the detached background daemon (chdir and umask apply; no echo). */
  background: boolean;
  /** The config was found by searching (no -c), for the root warning. */
  searchedConfig: boolean;
  /** Called once the servers listen and the pidfile is written. */
  onReady: () => void;
}

/** Runs the daemon until shutdown; returns the exit code (throws StartupError before it is up). */
export async function runDaemon(options: DaemonRunOptions): Promise<number> {
  let config = options.config;
  let settings = applyOverrides(config.supervisord!, options.args);
  if (options.background) {
    if (settings.directory !== null) Deno.chdir(settings.directory);
    process.umask(settings.umask);
  }
  checkLimits(settings, readLimits());
  const queue = new RequestQueue();
  const holder = new EngineHolder();
  const service: ControlService = holder;
  const early: Array<[LogLevel, string]> = [["INFO", "RPC interface 'supervisor' initialized"]];
  const users = denoUserDb();
  const target = settings.user === null ? null : users.lookup(settings.user);
  const runAs = target === null || target.uid === Deno.uid() ? null : target;
  const servers = await openHttpServers(
    config,
    service,
    (level, m) => early.push([level, m]),
    runAs,
  );
  let log: ActivityLogFile | null = null;
  try {
    const uidNote = dropPrivileges(settings.user, users);
    if (uidNote !== null) early.unshift(["INFO", uidNote]);
    log = await openActivityLog(settings, options.background);
    for (const w of config.warnings) log.log("WARN", w.message);
    if (Deno.uid() === 0 && settings.user === null) {
      log.log(
        "CRIT",
        "Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.",
      );
    }
    if (Deno.uid() === 0 && options.searchedConfig) {
      log.log(
        "WARN",
        'Supervisord is running as root and it is searching for its configuration file in default locations (including its current working directory); you probably want to specify a "-c" argument specifying an absolute path to a configuration file for improved security.',
      );
    }
    if (settings.logfile === "syslog") {
      log.log(
        "WARN",
        "logfile=syslog: svisor does not write to syslog; use a file or -n with journald",
      );
    }
    if (!settings.nocleanup) await removeAutoLogs(settings.childlogdir, settings.identifier);
    for (const [level, m] of early) log.log(level, m);
    if (!writePidfile(settings.pidfile, Deno.pid)) {
      log.log("CRIT", `could not write pidfile ${settings.pidfile}`);
    }
    log.log("INFO", `supervisord started with pid ${Deno.pid}`);
    const stopSignals = listenToSignals(queue, log, holder);
    options.onReady();
    using notify = new DenoNotifySockets();
    try {
      while (true) {
        const engine = buildEngine({ ...config, supervisord: settings }, log, queue, {
          ...options,
          notify,
        });
        holder.engine = engine;
        engine.start();
        const request = await queue.next();
        await engine.shutdownProcesses(request === "restart" ? "RESTARTING" : "SHUTDOWN");
        await engine[Symbol.asyncDispose]();
        if (request === "shutdown") break;
        try {
          config = options.reloadConfig();
          settings = applyOverrides(config.supervisord!, options.args);
          log.level = levelFromName(settings.loglevel);
        } catch (e) {
          log.log("CRIT", `could not re-read the config, keeping the running one: ${message(e)}`);
        }
      }
    } finally {
      stopSignals();
      holder.engine = null;
      removePidfile(settings.pidfile);
    }
    return 0;
  } finally {
    await servers.close();
    await log?.close();
  }
}

function buildEngine(
  config: Config,
  log: ActivityLogFile,
  queue: RequestQueue,
  options: DaemonRunOptions & { notify: DenoNotifySockets },
): Engine {
  const settings = config.supervisord!;
  const bus = new EventBus({
    onError: (e, event) => log.log("ERRO", `event listener failed on ${event.type}: ${message(e)}`),
  });
  log.onLine = (line) => {
    if (bus.wants("MAIN_LOG_LINE")) bus.publish({ type: "MAIN_LOG_LINE", line });
  };
  return createEngine(config, {
    clock: systemClock(),
    spawner: denoSpawner(),
    probe: denoFileProbe(),
    users: denoUserDb(),
    sinks: fileLogSinks({ onWarning: (m) => log.log("WARN", m) }),
    reader: fileLogReader(),
    log,
    bus,
    env: Deno.env.toObject(),
    pid: Deno.pid,
    loadConfig: options.reloadConfig,
    requestShutdown: () => queue.push("shutdown"),
    requestRestart: () => queue.push("restart"),
    mainLog: { path: log.path, clear: () => log.clear() },
    childlogdir: settings.childlogdir,
    identifier: settings.identifier,
    probes: denoProbeRunner(),
    memory: procMemoryReader(),
    notify: options.notify,
  });
}

async function openActivityLog(
  settings: DaemonConfig,
  background: boolean,
): Promise<ActivityLogFile> {
  const echo = settings.nodaemon && !settings.silent && !background ? Deno.stdout : null;
  try {
    return await ActivityLogFile.open({
      path: settings.logfile === "syslog" ? null : settings.logfile,
      level: levelFromName(settings.loglevel),
      maxbytes: settings.logfileMaxbytes,
      backups: settings.logfileBackups,
      echo,
    });
  } catch (e) {
    throw new StartupError(`cannot open the log file ${settings.logfile}: ${message(e)}`);
  }
}

function listenToSignals(
  queue: RequestQueue,
  log: ActivityLogFile,
  holder: EngineHolder,
): () => void {
  const handlers: Array<[Deno.Signal, () => void]> = [];
  for (const signal of ["SIGTERM", "SIGINT", "SIGQUIT"] as const) {
    handlers.push([signal, () => {
      log.log("WARN", `received ${signal} indicating exit request`);
      queue.push("shutdown");
    }]);
  }
  handlers.push(["SIGHUP", () => {
    log.log("WARN", "received SIGHUP indicating restart request");
    queue.push("restart");
  }]);
  handlers.push(["SIGUSR2", () => {
    log.log("INFO", "received SIGUSR2 indicating log reopen request");
    void (async () => {
      await log.reopen();
      await holder.engine?.reopenLogs();
      log.log("INFO", "supervisord logreopen");
    })();
  }]);
  for (const [signal, handler] of handlers) Deno.addSignalListener(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
