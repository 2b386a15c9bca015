/**
 * The daemon's metrics and health, read from whichever engine runs at the moment (a SIGHUP
 * restart builds a new one): what the /metrics and /api/v1/health routes serve. The metrics
 * registry (prom-client, about 15 MiB loaded) is imported at the first scrape; request counts
 * wait in a small map until then.
 */

import type { Observability } from "../api/observability_routes.ts";
import type { Engine } from "../engine/engine.ts";
import { healthReport } from "../protocol/health.ts";
import type { DaemonMetrics, MetricsSources } from "./metrics_registry.ts";
import { ProcessCounters } from "./process_counters.ts";

/** The observability of one daemon process, and the counters each engine's bus feeds. */
export interface DaemonObservability extends Observability {
  /** Starts and exits per process; `follow` it on each engine's bus. */
  counters: ProcessCounters;
}

/** Builds the metrics registry and the health check over `current()`, the engine of the moment. */
export function daemonObservability(current: () => Engine | null): DaemonObservability {
  const counters = new ProcessCounters();
  const sources: MetricsSources = {
    processes: () => current()?.processes() ?? [],
    counters,
    now: () => Date.now(),
    pools: () => current()?.listenerPools() ?? [],
  };
  const requests = new LazyRequestCounts();
  let registry: Promise<DaemonMetrics> | null = null;
  const metrics = () =>
    registry ??= import("./metrics_registry.ts").then((m) => {
      const built = m.createDaemonMetrics(sources);
      requests.attach(built);
      return built;
    });
  return {
    counters,
    metrics: async () => {
      const m = await metrics();
      return { contentType: m.contentType, body: await m.text() };
    },
    health: () => {
      const engine = current();
      if (engine === null) return healthReport("RESTARTING", []);
      return healthReport(
        engine.daemonState,
        engine.processes().map((s) => ({
          group: s.group,
          name: s.name,
          state: s.record.state,
          vital: s.config.vital !== undefined,
        })),
      );
    },
    observeRequest: (route, method, status) => requests.observe(route, method, status),
  };
}

/** Request counts kept until the registry exists, then handed to it (and every later one). */
class LazyRequestCounts {
  #target: DaemonMetrics | null = null;
  #waiting = new Map<string, { route: string; method: string; status: number; count: number }>();

  /** Counts one answered request. */
  observe(route: string, method: string, status: number): void {
    if (this.#target !== null) return this.#target.observeRequest(route, method, status);
    const key = `${route} ${method} ${status}`;
    const entry = this.#waiting.get(key);
    if (entry !== undefined) entry.count++;
    else this.#waiting.set(key, { route, method, status, count: 1 });
  }

  /** Replays the counts kept so far into `target`, which takes every later one. */
  attach(target: DaemonMetrics): void {
    for (const { route, method, status, count } of this.#waiting.values()) {
      for (let i = 0; i < count; i++) target.observeRequest(route, method, status);
    }
    this.#waiting.clear();
    this.#target = target;
  }
}
