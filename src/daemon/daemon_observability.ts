/**
 * The daemon's metrics and health, read from whichever engine runs at the moment (a SIGHUP
 * restart builds a new one): what the /metrics and /api/v1/health routes serve.
 */

import type { Observability } from "../api/observability_routes.ts";
import type { Engine } from "../engine/engine.ts";
import { healthReport } from "../protocol/health.ts";
import { createDaemonMetrics } from "./metrics_registry.ts";
import { ProcessCounters } from "./process_counters.ts";

/** The observability of one daemon process, and the counters each engine's bus feeds. */
export interface DaemonObservability extends Observability {
  /** Starts and exits per process; `follow` it on each engine's bus. */
  counters: ProcessCounters;
}

/** Builds the metrics registry and the health check over `current()`, the engine of the moment. */
export function daemonObservability(current: () => Engine | null): DaemonObservability {
  const counters = new ProcessCounters();
  const metrics = createDaemonMetrics({
    processes: () => current()?.processes() ?? [],
    counters,
    now: () => Date.now(),
    pools: () => current()?.listenerPools() ?? [],
  });
  return {
    counters,
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.text() }),
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
    observeRequest: (route, method, status) => metrics.observeRequest(route, method, status),
  };
}
