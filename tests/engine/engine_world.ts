/** A fresh fake world for engine tests: fake clock, spawner, probe, users, memory logs, bus, engine. */

import type { Config, GroupConfig } from "../../src/config/model.ts";
import { createEngine, type Engine } from "../../src/engine/engine.ts";
import type { EngineDeps } from "../../src/engine/engine_deps.ts";
import { EventBus } from "../../src/events/event_bus.ts";
import type { SupervisorEvent } from "../../src/events/supervisor_event.ts";
import { buildConfig } from "../helpers/config_builder.ts";
import { FakeActivityLog } from "../helpers/fake_activity_log.ts";
import { FakeClock, settle } from "../helpers/fake_clock.ts";
import { FakeProbe, FakeSpawner } from "../helpers/fake_spawner.ts";
import { FakeUsers } from "../helpers/fake_users.ts";
import { MemoryLogSinks } from "../helpers/memory_log_sinks.ts";

/** Everything a test may look at. */
export interface EngineWorld extends AsyncDisposable {
  engine: Engine;
  clock: FakeClock;
  spawner: FakeSpawner;
  probe: FakeProbe;
  logs: MemoryLogSinks;
  log: FakeActivityLog;
  bus: EventBus;
  events: SupervisorEvent[];
  /** Shutdown/restart requests seen. */
  requests: string[];
  /** The config `reloadConfig` will read next (or an Error to throw). */
  nextConfig: Config | Error;
  /** State-change events as `name FROM->TO`. */
  changes(): string[];
}

/** Builds a world over groups; every group's processes get /bin/<name> executables unless told otherwise. */
export function engineWorld(
  groups: GroupConfig[],
  options: { deps?: Partial<EngineDeps>; executables?: string[] } = {},
): EngineWorld {
  const config = buildConfig(groups, { supervisord: { childlogdir: "/logs" } });
  const clock = new FakeClock();
  const spawner = new FakeSpawner();
  const probe = new FakeProbe(
    options.executables ??
      groups.flatMap((g) => g.processes.map((p) => p.command.split(" ")[0] ?? "")),
  );
  const logs = new MemoryLogSinks();
  const log = new FakeActivityLog();
  const bus = new EventBus({
    onError: (e) => {
      throw e;
    },
  });
  const events: SupervisorEvent[] = [];
  bus.subscribe("EVENT", (e) => events.push(e));
  const requests: string[] = [];
  let seq = 0;
  const world: EngineWorld = {
    engine: undefined as unknown as Engine,
    clock,
    spawner,
    probe,
    logs,
    log,
    bus,
    events,
    requests,
    nextConfig: config,
    changes: () =>
      events.flatMap((e) =>
        "fromState" in e ? [`${e.processName} ${e.fromState}->${e.type.slice(14)}`] : []
      ),
    async [Symbol.asyncDispose]() {
      spawner.endAll();
      await settle();
      await world.engine[Symbol.asyncDispose]();
    },
  };
  world.engine = createEngine(config, {
    clock,
    spawner,
    probe,
    users: new FakeUsers(),
    sinks: logs,
    reader: logs,
    log,
    bus,
    env: { PATH: "/bin:/usr/bin", HOME: "/root" },
    pid: 999,
    loadConfig: () => {
      if (world.nextConfig instanceof Error) throw world.nextConfig;
      return world.nextConfig;
    },
    requestShutdown: () => requests.push("shutdown"),
    requestRestart: () => requests.push("restart"),
    random: () => ((seq++ * 7) % 37) / 37,
    ...options.deps,
  });
  return world;
}
