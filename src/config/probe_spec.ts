/** The probe kinds of `readiness_check` and `healthcheck`, parsed from their one-line text (pure). */

import type { ActiveProbe, ProbeSpec } from "./model.ts";
import { BadValue, q } from "./value_types.ts";

export type { ActiveProbe, ProbeSpec };

/** The default HTTP status range a probe accepts. */
export const DEFAULT_HTTP_STATUS = { min: 200, max: 399 } as const;

/**
 * Parses `startsecs`, `tcp:[HOST:]PORT`, `http://...`/`https://...`, `command:CMD`, `log:REGEX`,
 * `notify` or `fd:N` (s6's notification fd); throws BadValue with the accepted forms otherwise.
 *
 * @example
 * ```ts
 * import { parseProbeSpec } from "./probe_spec.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseProbeSpec("tcp:5432"), { kind: "tcp", host: "127.0.0.1", port: 5432 });
 * assert.deepEqual(parseProbeSpec("log:listening on"), { kind: "log", pattern: "listening on" });
 * ```
 */
export function parseProbeSpec(text: string): ProbeSpec {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === "startsecs") return { kind: "startsecs" };
  if (lower === "notify") return { kind: "notify" };
  if (lower.startsWith("http://") || lower.startsWith("https://")) {
    try {
      new URL(t);
    } catch {
      throw new BadValue(`${q(t)} is not a valid URL`);
    }
    return {
      kind: "http",
      url: t,
      statusMin: DEFAULT_HTTP_STATUS.min,
      statusMax: DEFAULT_HTTP_STATUS.max,
    };
  }
  const colon = t.indexOf(":");
  const kind = colon < 0 ? "" : lower.slice(0, colon);
  const rest = colon < 0 ? "" : t.slice(colon + 1).trim();
  if (kind === "tcp") return parseTcp(rest, t);
  if (kind === "fd") {
    const fd = /^\d+$/.test(rest) ? Number(rest) : NaN;
    if (!(fd >= 3 && fd <= 255)) throw new BadValue(`${q(t)} is not fd:N with N within 3..255`);
    return { kind: "fd", fd };
  }
  if (kind === "command") {
    if (rest === "") throw new BadValue(`${q(t)} has no command after "command:"`);
    return { kind: "command", command: rest };
  }
  if (kind === "log") {
    if (rest === "") throw new BadValue(`${q(t)} has no pattern after "log:"`);
    try {
      new RegExp(rest);
    } catch (e) {
      throw new BadValue(`${q(rest)} is not a valid regular expression: ${(e as Error).message}`);
    }
    return { kind: "log", pattern: rest };
  }
  throw new BadValue(
    `${
      q(t)
    } is not a probe (use startsecs, tcp:[HOST:]PORT, http://URL, command:CMD, log:REGEX or notify)`,
  );
}

/** Parses `200-299` or `200` as an inclusive HTTP status range. */
export function parseStatusRange(text: string): { min: number; max: number } {
  const m = /^\s*(\d{3})\s*(?:-\s*(\d{3}))?\s*$/.exec(text);
  if (m === null) throw new BadValue(`${q(text)} is not an HTTP status or range (e.g. 200-299)`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < 100 || max > 599 || min > max) {
    throw new BadValue(`${q(text)} is not a range of HTTP statuses within 100..599`);
  }
  return { min, max };
}

/** One line for `check` and `why`: `tcp 127.0.0.1:5432`, `http://... (200-399)`, `log /ready/`. */
export function describeProbe(spec: ProbeSpec): string {
  switch (spec.kind) {
    case "startsecs":
      return "startsecs";
    case "notify":
      return "sd_notify READY=1";
    case "fd":
      return `newline on fd ${spec.fd}`;
    case "tcp":
      return `tcp ${spec.host}:${spec.port}`;
    case "http":
      return `${spec.url} (${spec.statusMin}-${spec.statusMax})`;
    case "command":
      return `command ${q(spec.command)}`;
    case "log":
      return `log /${spec.pattern}/`;
  }
}

function parseTcp(rest: string, whole: string): ProbeSpec {
  const m = /^(?:\[?([^\]]*?)\]?:)?(\d+)$/.exec(rest);
  const port = Number(m?.[2]);
  if (m === null || !(port >= 1 && port <= 65535)) {
    throw new BadValue(`${q(whole)} is not tcp:[HOST:]PORT with a port within 1..65535`);
  }
  const host = m[1] === undefined || m[1] === "" ? "127.0.0.1" : m[1];
  return { kind: "tcp", host, port };
}
