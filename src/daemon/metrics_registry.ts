/**
 * The daemon's Prometheus metrics: every value is read when /metrics is scraped (process records,
 * stream counters, process counters, daemon resources), so the output path does no work for
 * metrics beyond the counters it keeps. Names follow Prometheus' conventions (`svisor_` prefix,
 * `_total` counters, base units); the daemon's own resources are prom-client's standard
 * `process_*` and `nodejs_*` metrics. The per-process families are written by ProcessMetricsText
 * (prom-client's label objects cost too much at 1,000 processes), the rest by prom-client.
 */

import client from "prom-client";
import type { ProcessSlot } from "../engine/process_slot.ts";
import type { ProcessCounters } from "./process_counters.ts";
import { ProcessMetricsText } from "./process_metrics_text.ts";

/** One event listener pool as the metrics see it. */
export interface ListenerPoolStats {
  /** The pool's name. */
  pool: string;
  /** Events waiting in its buffer. */
  buffered: number;
  /** Its `buffer_size`. */
  capacity: number;
  /** Events dropped because the buffer was full. */
  overflows: number;
}

/** Where the metrics are read from. */
export interface MetricsSources {
  /** The processes of the current engine (empty while between engines). */
  processes: () => readonly ProcessSlot[];
  /** Starts and exits per process. */
  counters: ProcessCounters;
  /** Wall-clock ms now. */
  now: () => number;
  /** The event listener pools of the current engine. */
  pools?: () => readonly ListenerPoolStats[];
}

/** The registry and the HTTP request counter the app feeds. */
export interface DaemonMetrics {
  /** The Prometheus text of every metric now. */
  text(): Promise<string>;
  /** The content type of `text()`. */
  contentType: string;
  /** Counts one HTTP request by route label, method and status. */
  observeRequest(route: string, method: string, status: number): void;
}

/** Builds the registry (prom-client's default metrics included). */
export function createDaemonMetrics(sources: MetricsSources): DaemonMetrics {
  const register = new client.Registry();
  client.collectDefaultMetrics({ register });
  // Gauges whose names end in _total, which Prometheus' linter (promtool check metrics) rejects.
  for (const name of ["active_handles", "active_requests", "active_resources"]) {
    register.removeSingleMetric(`nodejs_${name}_total`);
  }
  // The per-process families are written by ProcessMetricsText, between the default metrics and
  // the daemon's own (the order of one registry before): prom-client's per-series label objects
  // cost 220 ms a scrape at N=1,000.
  const own = new client.Registry();
  const perProcess = new ProcessMetricsText();
  new client.Gauge({
    name: "svisor_listener_pool_buffer_ratio",
    help: "How full each event listener pool's buffer is (0 to 1)",
    labelNames: ["pool"],
    registers: [own],
    collect() {
      this.reset();
      for (const p of sources.pools?.() ?? []) {
        this.set({ pool: p.pool }, p.capacity > 0 ? p.buffered / p.capacity : 0);
      }
    },
  });
  new client.Counter({
    name: "svisor_listener_pool_overflows_total",
    help: "Events each event listener pool dropped because its buffer was full",
    labelNames: ["pool"],
    registers: [own],
    collect() {
      this.reset();
      for (const p of sources.pools?.() ?? []) this.inc({ pool: p.pool }, p.overflows);
    },
  });
  const lag = new client.Gauge({
    name: "svisor_event_loop_lag_seconds",
    help: "How long a timer set at the scrape waited past its due time",
    registers: [own],
  });
  const requests = new client.Counter({
    name: "svisor_http_requests_total",
    help: "HTTP requests answered, by route, method and status",
    labelNames: ["route", "method", "status"],
    registers: [own],
  });
  return {
    contentType: register.contentType,
    async text() {
      lag.set(await timerLag());
      const processes = perProcess.render(sources.processes(), sources.counters, sources.now());
      const [defaults, rest] = await Promise.all([register.metrics(), own.metrics()]);
      return `${defaults}\n${processes}\n\n${rest}`;
    },
    observeRequest(route, method, status) {
      requests.inc({ route, method, status: String(status) });
    },
  };
}

/** Seconds a zero-delay timer waits: the event loop's lag right now. */
function timerLag(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve((performance.now() - start) / 1000), 0));
}
