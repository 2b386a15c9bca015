/**
 * The daemon's Prometheus metrics: every value is read when /metrics is scraped (process records,
 * stream counters, process counters, daemon resources), so the output path does no work for
 * metrics beyond the counters it keeps. Names follow Prometheus' conventions (`svisor_` prefix,
 * `_total` counters, base units); the daemon's own resources are prom-client's standard
 * `process_*` and `nodejs_*` metrics. The per-process families are written by ProcessMetricsText
 * (prom-client's label objects cost too much at 1,000 processes), the rest by prom-client.
 */

import client from "prom-client";
import gc from "prom-client/lib/metrics/gc.js";
import heapSizeAndUsed from "prom-client/lib/metrics/heapSizeAndUsed.js";
import heapSpacesSizeAndUsed from "prom-client/lib/metrics/heapSpacesSizeAndUsed.js";
import osMemoryHeap from "prom-client/lib/metrics/osMemoryHeap.js";
import processCpuTotal from "prom-client/lib/metrics/processCpuTotal.js";
import processHandles from "prom-client/lib/metrics/processHandles.js";
import processMaxFileDescriptors from "prom-client/lib/metrics/processMaxFileDescriptors.js";
import processRequests from "prom-client/lib/metrics/processRequests.js";
import processResources from "prom-client/lib/metrics/processResources.js";
import processStartTime from "prom-client/lib/metrics/processStartTime.js";
import version from "prom-client/lib/metrics/version.js";
import { setImmediate } from "node:timers";
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

/** One of prom-client's default metric modules: registers its metrics on a registry. */
type DefaultCollector = (register: client.Registry, config: Record<string, never>) => void;

/**
 * prom-client's default metrics (its collectDefaultMetrics list, in its order) but two:
 * `eventLoopLag`, whose monitorEventLoopDelay histogram wakes the daemon every 10 ms (100 wakeups a
 * second with nothing due) and costs 10-19 ms a scrape in Deno's stddev and percentile (svisor
 * writes `nodejs_eventloop_lag_seconds` itself, measured at the scrape), and
 * `processOpenFileDescriptors`, whose readdirSync of /proc/self/fd lists and sorts 3,000 names with
 * 1,000 children (33 ms a scrape; svisor reads the count with one stat, see openFds).
 */
const DEFAULT_COLLECTORS: readonly DefaultCollector[] = [
  processCpuTotal,
  processStartTime,
  osMemoryHeap,
  processMaxFileDescriptors,
  processResources,
  processHandles,
  processRequests,
  heapSizeAndUsed,
  heapSpacesSizeAndUsed,
  version,
  gc,
];

/** Builds the registry (prom-client's default metrics included). */
export function createDaemonMetrics(sources: MetricsSources): DaemonMetrics {
  const register = new client.Registry();
  for (const collect of DEFAULT_COLLECTORS) collect(register, {});
  new client.Gauge({
    name: "process_open_fds",
    help: "Number of open file descriptors.",
    registers: [register],
    collect() {
      this.set(openFds());
    },
  });
  const loopLag = new client.Gauge({
    name: "nodejs_eventloop_lag_seconds",
    help: "Lag of event loop in seconds.",
    registers: [register],
  });
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
      const [timer, immediate] = await Promise.all([timerLag(), immediateLag()]);
      lag.set(timer);
      loopLag.set(immediate);
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

/** Seconds a setImmediate callback waits (prom-client's `nodejs_eventloop_lag_seconds`). */
function immediateLag(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => setImmediate(() => resolve((performance.now() - start) / 1000)));
}

/**
 * The daemon's open file descriptors, or NaN if unreadable. Linux 6.2 and later give the count as
 * the size of /proc/self/fd (one stat); older kernels give 0, and the directory is counted (its own
 * descriptor excluded): 26 ms with the 3,000 pipes of 1,000 children on a loaded machine.
 */
function openFds(): number {
  try {
    const size = Deno.statSync("/proc/self/fd").size;
    if (size > 0) return size;
    let n = 0;
    for (const _ of Deno.readDirSync("/proc/self/fd")) n++;
    return n - 1;
  } catch {
    return NaN; // not Linux, or /proc not mounted: the gauge says it does not know
  }
}
