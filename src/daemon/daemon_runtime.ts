/**
 * One life of the daemon in this process, on Deno: opens the control servers, drops privileges,
 * opens the activity log, writes the pidfile, runs the engine, and answers signals and API
 * requests (shutdown, restart, log reopen) until told to exit.
 */

import process from "node:process";
import type { Config, DaemonConfig } from "../config/model.ts";
import type { PipeTuner, Spawner } from "../core/ports.ts";
import { createEngine, type Engine } from "../engine/engine.ts";
import { Pacer } from "../engine/pacer.ts";
import { EarlyLog } from "./early_log.ts";
import { DenoNotifySockets } from "../sys/notify_sockets.ts";
import { denoProbeRunner } from "../sys/probe_runner.ts";
import type { ChildPids } from "../sys/child_pids.ts";
import { procMemoryReader } from "../sys/proc_memory.ts";
import { EventBus } from "../events/event_bus.ts";
import { EventStreamHub } from "../events/event_stream_hub.ts";
import { levelFromName } from "../log/activity_line.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { ActivityLogFile } from "../sys/activity_log_file.ts";
import { denoFileProbe } from "../sys/file_probe.ts";
import { fileLogReader } from "../sys/file_log_reader.ts";
import { fileLogSinks } from "../sys/file_log_sinks.ts";
import { removePidfile, writePidfile } from "../sys/pidfile.ts";
import { readLimits, setLimit } from "../sys/rlimits.ts";
import { openSyslog, type SyslogWriter } from "../sys/syslog_socket.ts";
import { libcSocketFactory } from "../sys/inherited_socket.ts";
import { systemClock } from "../sys/system_clock.ts";
import { denoUserDb } from "../sys/user_db.ts";
import { removeAutoLogs } from "./auto_log_cleanup.ts";
import { applyOverrides, type DaemonArgs } from "./daemon_options.ts";
import { openHttpServers } from "./http_servers.ts";
import { planLimits } from "./limits_check.ts";
import { EngineHolder } from "./engine_holder.ts";
import { dropPrivileges } from "./privileges.ts";
import { RequestQueue } from "./request_queue.ts";
import { StartupError } from "./startup_error.ts";
import { SystemdNotify } from "./systemd_notify.ts";
import { OrphanCare } from "./orphan_care.ts";
import { watchVital } from "./vital_watch.ts";
import { daemonObservability } from "./daemon_observability.ts";
import { stopSurvivors } from "./survivors.ts";
import { recordPath, RuntimeRecord } from "../sys/runtime_record.ts";
import { openLibc } from "../sys/libc.ts";
import { libcPipeTuner } from "../sys/pipe_capacity.ts";

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
  // Lines before the activity log is open wait here; the servers log to it for the daemon's life.
  const early = new EarlyLog();
  for (const change of planLimits(settings, readLimits())) {
    try {
      setLimit(change.resource, change.soft, change.hard);
    } catch {
      // The OS said no (a hard limit too low for a non-root daemon): supervisord's usage text.
      throw new StartupError(change.refused, { usage: true });
    }
    if (change.info !== "") early.log("INFO", change.info);
  }
  const queue = new RequestQueue();
  const holder = new EngineHolder();
  const service: ControlService = holder;
  early.log("INFO", "RPC interface 'supervisor' initialized");
  const users = denoUserDb();
  const target = settings.user === null ? null : users.lookup(settings.user);
  const runAs = target === null || target.uid === Deno.uid() ? null : target;
  // One stream history per daemon process: a restart (SIGHUP) keeps it and its serials.
  const hub = new EventStreamHub({ history: settings.eventStreamHistory, now: () => Date.now() });
  const observability = daemonObservability(() => holder.engine);
  const servers = await openHttpServers(
    config,
    service,
    (level, m) => early.log(level, m),
    runAs,
    { events: hub, observability },
  );
  let log: ActivityLogFile | null = null;
  // One syslog socket for the main log and every *_syslog stream; made on first use.
  using syslog = openSyslog({ onError: (m) => log?.log("WARN", m) });
  try {
    const uidNote = dropPrivileges(settings.user, users);
    if (uidNote !== null) early.logFirst("INFO", uidNote);
    log = await openActivityLog(settings, options.background, syslog);
    for (const w of config.warnings) log.log("WARN", w.message);
    if (Deno.uid() === 0 && settings.user === null) {
      log.log(
        "CRIT",
        "Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.",
      );
    }
    if (options.args.profileOptions !== undefined) {
      log.log(
        "WARN",
        "--profile_options: svisor has no Python profiler to run, so the option is ignored (profile with deno run --cpu-prof main.ts daemon -n)",
      );
    }
    if (Deno.uid() === 0 && options.searchedConfig) {
      log.log(
        "WARN",
        'Supervisord is running as root and it is searching for its configuration file in default locations (including its current working directory); you probably want to specify a "-c" argument specifying an absolute path to a configuration file for improved security.',
      );
    }
    early.open(log);
    if (options.background) log.log("INFO", "daemonizing the supervisord process");
    if (!writePidfile(settings.pidfile, Deno.pid)) {
      log.log("CRIT", `could not write pidfile ${settings.pidfile}`);
    }
    const libc = openLibc();
    await using orphans = new OrphanCare(
      libc.ok ? libc.libc : null,
      log,
      Deno.pid,
      (group, name) =>
        config.groups.find((g) => g.name === group)?.processes.find((p) => p.name === name)
          ?.killasgroup ?? false,
    );
    // Listening before the line: a supervisor of svisor (systemd, a test) may signal right after it.
    const stopSignals = listenToSignals(queue, log, holder);
    log.log("INFO", `supervisord started with pid ${Deno.pid}`);
    const recordFile = recordPath(settings.pidfile);
    await stopSurvivors(recordFile, config, log, Deno.pid);
    using _record = new RuntimeRecord(
      recordFile,
      orphans.children,
      Deno.pid,
      (m) => log!.log("WARN", m),
    );
    using notify = new SystemdNotify({
      env: Deno.env.toObject(),
      libc: libc.ok ? libc.libc : null,
      pid: Deno.pid,
      background: options.background,
      log: (level, m) => log!.log(level, m),
    });
    options.onReady();
    using notifySockets = new DenoNotifySockets();
    let exitCode = 0;
    try {
      while (true) {
        // As supervisord's main() on each start and restart: the last run's AUTO logs go.
        if (!settings.nocleanup) await removeAutoLogs(settings.childlogdir, settings.identifier);
        const bus = newBus(log, hub);
        const engine = buildEngine({ ...config, supervisord: settings }, {
          log,
          bus,
          syslog,
          queue,
        }, {
          ...options,
          spawner: orphans.spawner,
          children: orphans.children,
          notifySockets,
          pipes: libcPipeTuner(libc.ok ? libc.libc : null),
        });
        holder.engine = engine;
        const states = () => engine.processes().map((s) => s.record.state);
        const unfollow = notify.follow(bus, states);
        const uncount = observability.counters.follow(bus);
        const unwatch = watchVital(
          bus,
          (group, name) => engine.process(group, name)?.config,
          (exit) => {
            log!.log("CRIT", exit.message);
            exitCode = exit.code;
            queue.push("shutdown");
          },
        );
        engine.start();
        notify.ready(states());
        let request = await queue.next();
        // A restart reads the new config first: one that cannot be read leaves every program
        // running as it is (supervisord would stop them all, then exit 2).
        let next: Config | null = null;
        while (request === "restart" && next === null) {
          try {
            next = options.reloadConfig();
          } catch (e) {
            log.log("CRIT", `could not re-read the config, nothing restarted: ${message(e)}`);
            request = await queue.next();
          }
        }
        if (request === "restart") notify.reloading();
        else notify.stopping();
        await engine.shutdownProcesses(request === "restart" ? "RESTARTING" : "SHUTDOWN");
        unfollow();
        unwatch();
        uncount();
        await engine[Symbol.asyncDispose]();
        if (request === "shutdown" || next === null) break;
        config = next;
        settings = applyOverrides(config.supervisord!, options.args);
        log.level = levelFromName(settings.loglevel);
        // As supervisord's options are realized again on a restart: the warnings come again.
        for (const w of config.warnings) log.log("WARN", w.message);
      }
    } finally {
      stopSignals();
      holder.engine = null;
      removePidfile(settings.pidfile);
    }
    return exitCode;
  } finally {
    await servers.close();
    await log?.close();
  }
}

/** A fresh bus for one engine; the activity log's lines are published on it. */
function newBus(log: ActivityLogFile, hub: EventStreamHub): EventBus {
  const bus = new EventBus({
    onError: (e, event) => log.log("ERRO", `event listener failed on ${event.type}: ${message(e)}`),
  });
  hub.attach(bus); // the bus is dropped with its engine, and the subscription with it
  log.onLine = (line) => {
    if (bus.wants("MAIN_LOG_LINE")) bus.publish({ type: "MAIN_LOG_LINE", line });
  };
  return bus;
}

function buildEngine(
  config: Config,
  outputs: { log: ActivityLogFile; bus: EventBus; syslog: SyslogWriter; queue: RequestQueue },
  options: DaemonRunOptions & {
    spawner: Spawner;
    children: ChildPids;
    notifySockets: DenoNotifySockets;
    pipes: PipeTuner;
  },
): Engine {
  const { log, bus, syslog, queue } = outputs;
  const settings = config.supervisord!;
  const clock = systemClock();
  return createEngine(config, {
    clock,
    pacer: new Pacer(clock),
    spawner: options.spawner,
    pipes: options.pipes,
    probe: denoFileProbe(),
    sockets: libcSocketFactory(),
    users: denoUserDb(),
    sinks: fileLogSinks({
      onWarning: (m) => log.log("WARN", m),
      syslog: (record) => syslog.send(record),
    }),
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
    probes: denoProbeRunner(options.children),
    memory: procMemoryReader(),
    notify: options.notifySockets,
  });
}

async function openActivityLog(
  settings: DaemonConfig,
  background: boolean,
  syslog: SyslogWriter,
): Promise<ActivityLogFile> {
  const echo = settings.nodaemon && !settings.silent && !background ? Deno.stdout : null;
  try {
    return await ActivityLogFile.open({
      path: settings.logfile === "syslog" ? null : settings.logfile,
      level: levelFromName(settings.loglevel),
      maxbytes: settings.logfileMaxbytes,
      backups: settings.logfileBackups,
      echo,
      syslog: settings.logfile === "syslog" ? (record) => syslog.send(record) : null,
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
