/**
 * The daemon's Prometheus metrics on prom-client: every value is read when /metrics is scraped
 * (process records, stream counters, process counters, daemon resources), so the output path does
 * no work for metrics beyond the counters it keeps. Names follow Prometheus' conventions
 * (`svisor_` prefix, `_total` counters, base units); the daemon's own resources are prom-client's
 * standard `process_*` and `nodejs_*` metrics.
 */

import client from "prom-client";
import { PROCESS_STATES, type ProcessStateName } from "../protocol/states.ts";
import type { ProcessSlot } from "../engine/process_slot.ts";
import type { ProcessCounters } from "./process_counters.ts";

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

const STATES = Object.keys(PROCESS_STATES) as ProcessStateName[];

/** Builds the registry (prom-client's default metrics included). */
export function createDaemonMetrics(sources: MetricsSources): DaemonMetrics {
  const register = new client.Registry();
  client.collectDefaultMetrics({ register });
  // Gauges whose names end in _total, which Prometheus' linter (promtool check metrics) rejects.
  for (const name of ["active_handles", "active_requests", "active_resources"]) {
    register.removeSingleMetric(`nodejs_${name}_total`);
  }
  const proc = ["group", "name"] as const;
  const stream = ["group", "name", "stream"] as const;
  const each = (fn: (slot: ProcessSlot, labels: { group: string; name: string }) => void) => {
    for (const slot of sources.processes()) fn(slot, { group: slot.group, name: slot.name });
  };
  const eachStream = (
    fn: (labels: { group: string; name: string; stream: string }, s: StreamStatsOf) => void,
  ) =>
    each((slot, labels) => {
      fn({ ...labels, stream: "stdout" }, slot.stdout.stats());
      if (slot.stderr !== null) fn({ ...labels, stream: "stderr" }, slot.stderr.stats());
    });

  new client.Gauge({
    name: "svisor_process_state",
    help: "1 for the state each process is in, 0 for the others",
    labelNames: [...proc, "state"],
    registers: [register],
    collect() {
      this.reset();
      each((slot, l) => {
        for (const state of STATES) {
          this.set({ ...l, state }, slot.record.state === state ? 1 : 0);
        }
      });
    },
  });
  new client.Counter({
    name: "svisor_process_starts_total",
    help: "Spawn attempts of each process",
    labelNames: proc,
    registers: [register],
    collect() {
      this.reset();
      each((_slot, l) => this.inc(l, sources.counters.get(l.group, l.name).starts));
    },
  });
  new client.Counter({
    name: "svisor_process_exits_total",
    help: "Exits of each process, by whether the exit status was expected (exitcodes)",
    labelNames: [...proc, "expected"],
    registers: [register],
    collect() {
      this.reset();
      each((_slot, l) => {
        const c = sources.counters.get(l.group, l.name);
        this.inc({ ...l, expected: "true" }, c.expectedExits);
        this.inc({ ...l, expected: "false" }, c.unexpectedExits);
      });
    },
  });
  new client.Gauge({
    name: "svisor_process_last_exit_status",
    help: "The last exit status of each process that has exited (-1 after a signal)",
    labelNames: proc,
    registers: [register],
    collect() {
      this.reset();
      each((slot, l) => {
        if (slot.record.exitstatus !== null) this.set(l, slot.record.exitstatus);
      });
    },
  });
  new client.Gauge({
    name: "svisor_process_uptime_seconds",
    help: "Seconds since each RUNNING process was started (0 when it is not running)",
    labelNames: proc,
    registers: [register],
    collect() {
      this.reset();
      const now = sources.now();
      each((slot, l) => {
        const r = slot.record;
        this.set(l, r.state === "RUNNING" && r.laststart > 0 ? (now - r.laststart) / 1000 : 0);
      });
    },
  });
  const streamCounter = (name: string, help: string, pick: (s: StreamStatsOf) => number) =>
    new client.Counter({
      name,
      help,
      labelNames: stream,
      registers: [register],
      collect() {
        this.reset();
        eachStream((l, s) => this.inc(l, pick(s)));
      },
    });
  streamCounter(
    "svisor_captured_bytes_total",
    "Bytes read from each process stream",
    (s) => s.bytes,
  );
  streamCounter(
    "svisor_captured_lines_total",
    "Newlines read from each process stream",
    (s) => s.lines,
  );
  streamCounter(
    "svisor_log_rotations_total",
    "Rotations of each stream's log file",
    (s) => s.rotations,
  );
  streamCounter(
    "svisor_log_dropped_bytes_total",
    "Bytes of each stream that could not be written to its log (should stay 0)",
    (s) => s.dropped,
  );
  new client.Gauge({
    name: "svisor_listener_pool_buffer_ratio",
    help: "How full each event listener pool's buffer is (0 to 1)",
    labelNames: ["pool"],
    registers: [register],
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
    registers: [register],
    collect() {
      this.reset();
      for (const p of sources.pools?.() ?? []) this.inc({ pool: p.pool }, p.overflows);
    },
  });
  const lag = new client.Gauge({
    name: "svisor_event_loop_lag_seconds",
    help: "How long a timer set at the scrape waited past its due time",
    registers: [register],
  });
  const requests = new client.Counter({
    name: "svisor_http_requests_total",
    help: "HTTP requests answered, by route, method and status",
    labelNames: ["route", "method", "status"],
    registers: [register],
  });
  return {
    contentType: register.contentType,
    async text() {
      lag.set(await timerLag());
      return await register.metrics();
    },
    observeRequest(route, method, status) {
      requests.inc({ route, method, status: String(status) });
    },
  };
}

type StreamStatsOf = ReturnType<ProcessSlot["stdout"]["stats"]>;

/** Seconds a zero-delay timer waits: the event loop's lag right now. */
function timerLag(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve((performance.now() - start) / 1000), 0));
}
