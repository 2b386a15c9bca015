/** The svisor-only program options `readiness_*`, `healthcheck_*` and `depends_on`, read once per section. */

import type {
  Dependency,
  DependencyCondition,
  HealthConfig,
  ProbeTiming,
  ProcessConfig,
  ReadinessConfig,
} from "./model.ts";
import { parseProbeSpec, parseStatusRange, type ProbeSpec } from "./probe_spec.ts";
import type { Names, SectionReader } from "./section_reader.ts";
import { BadValue, parseInteger, parseListOfStrings, parseName, q } from "./value_types.ts";

/** Every option this file reads, for the unknown-option warnings. */
export const READINESS_OPTIONS: readonly string[] = [
  "readiness_check",
  "readiness_interval",
  "readiness_timeout",
  "readiness_initial_delay",
  "readiness_failure_threshold",
  "readiness_http_status",
  "healthcheck",
  "healthcheck_interval",
  "healthcheck_timeout",
  "healthcheck_initial_delay",
  "healthcheck_failure_threshold",
  "healthcheck_http_status",
  "healthcheck_action",
  "depends_on",
];

/** The `depends_on` conditions, in the order a process passes them. */
export const DEPENDENCY_CONDITIONS: readonly DependencyCondition[] = [
  "started",
  "running",
  "ready",
  "healthy",
  "completed",
];

/** Defaults: readiness probes every second, health every 10 s giving up after 3 failures. */
export const READINESS_DEFAULTS: ProbeTiming = {
  intervalMs: 1000,
  timeoutMs: 1000,
  initialDelayMs: 0,
  failureThreshold: 0,
};
/** Health-check defaults. */
export const HEALTH_DEFAULTS: ProbeTiming = {
  intervalMs: 10_000,
  timeoutMs: 2000,
  initialDelayMs: 0,
  failureThreshold: 3,
};

/** What the section adds to each of its processes (no keys at all when none of the options is set). */
export type ReadinessExtras = Pick<
  ProcessConfig,
  "readiness" | "health" | "dependsOn" | "dependsOnAt"
>;

/** Reads the options of this file; records errors at their lines. */
export function readReadinessOptions(r: SectionReader, names: Names): ReadinessExtras {
  const out: ReadinessExtras = {};
  const readiness = r.optional("readiness_check", names, parseProbeSpec);
  const timing = (prefix: string, d: ProbeTiming): ProbeTiming => ({
    intervalMs: r.typed(`${prefix}_interval`, d.intervalMs, names, parseMillis),
    timeoutMs: r.typed(`${prefix}_timeout`, d.timeoutMs, names, parseMillis),
    initialDelayMs: r.typed(`${prefix}_initial_delay`, d.initialDelayMs, names, parseMillis),
    failureThreshold: r.typed(`${prefix}_failure_threshold`, d.failureThreshold, names, parseCount),
  });
  const readinessTiming = timing("readiness", READINESS_DEFAULTS);
  const healthTiming = timing("healthcheck", HEALTH_DEFAULTS);
  const action = r.typed("healthcheck_action", "restart" as const, names, parseAction);
  if (readiness !== null && readiness.kind !== "startsecs") {
    const probe = withStatus(r, "readiness_http_status", readiness, names);
    out.readiness = { probe, timing: readinessTiming } as ReadinessConfig;
  } else if (readiness !== null || !r.has("readiness_check")) {
    unused(r, "readiness", "readiness_check");
  }
  const health = r.optional("healthcheck", names, parseProbeSpec);
  if (health !== null) {
    if (
      health.kind === "log" || health.kind === "notify" || health.kind === "startsecs" ||
      health.kind === "fd"
    ) {
      r.error(
        "healthcheck",
        `${
          q(health.kind)
        } cannot be a health check (use tcp:[HOST:]PORT, http://URL or command:CMD)`,
      );
    } else {
      const probe = withStatus(r, "healthcheck_http_status", health, names);
      out.health = { probe, timing: healthTiming, action } as HealthConfig;
    }
  } else if (!r.has("healthcheck")) {
    unused(r, "healthcheck", "healthcheck");
    if (r.has("healthcheck_action")) {
      r.warn("healthcheck_action", "has no effect without healthcheck=");
    }
  }
  const deps = r.optional("depends_on", names, parseDependsOn);
  if (deps !== null && deps.length > 0) {
    out.dependsOn = deps;
    out.dependsOnAt = r.loc("depends_on");
  }
  return out;
}

/**
 * Parses `db:ready, migrate:completed, cache` (the condition defaults to ready).
 *
 * @example
 * ```ts
 * import { parseDependsOn } from "./readiness_options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseDependsOn("db:ready, cache"), [
 *   { program: "db", condition: "ready" },
 *   { program: "cache", condition: "ready" },
 * ]);
 * ```
 */
export function parseDependsOn(text: string): Dependency[] {
  const out: Dependency[] = [];
  for (const item of parseListOfStrings(text)) {
    const [name = "", condition = "ready", ...extra] = item.split(":").map((s) => s.trim());
    if (extra.length > 0 || name === "") {
      throw new BadValue(`${q(item)} is not PROGRAM or PROGRAM:CONDITION`);
    }
    parseName(name);
    const c = condition.toLowerCase() as DependencyCondition;
    if (!DEPENDENCY_CONDITIONS.includes(c)) {
      throw new BadValue(
        `${q(condition)} in ${q(item)} is not a condition (use ${
          DEPENDENCY_CONDITIONS.join(", ")
        })`,
      );
    }
    if (out.some((d) => d.program === name)) throw new BadValue(`${q(name)} is listed twice`);
    out.push({ program: name, condition: c });
  }
  return out;
}

/** Parses seconds (`2`, `0.5`) into milliseconds. */
export function parseMillis(text: string): number {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) throw new BadValue(`cannot parse ${q(text)} as seconds`);
  return Math.round(Number(t) * 1000);
}

function parseCount(text: string): number {
  const n = parseInteger(text);
  if (n < 0) throw new BadValue(`${n} is negative (0 means never give up)`);
  return n;
}

function parseAction(text: string): "restart" | "mark" {
  const t = text.trim().toLowerCase();
  if (t === "restart" || t === "mark") return t;
  throw new BadValue(`${q(text)} is not one of restart or mark`);
}

function withStatus(r: SectionReader, option: string, spec: ProbeSpec, names: Names): ProbeSpec {
  const range = r.optional(option, names, parseStatusRange);
  if (range === null) return spec;
  if (spec.kind !== "http") {
    r.warn(option, "applies only to an http:// probe; ignored");
    return spec;
  }
  return { ...spec, statusMin: range.min, statusMax: range.max };
}

function unused(r: SectionReader, prefix: string, main: string): void {
  for (
    const suffix of ["interval", "timeout", "initial_delay", "failure_threshold", "http_status"]
  ) {
    const option = `${prefix}_${suffix}`;
    if (r.has(option)) {
      r.warn(
        option,
        `has no effect without ${main}= (a probe other than startsecs)`,
      );
    }
  }
}
