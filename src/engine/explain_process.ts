/**
 * `why NAME`: one screen on why a process is in its state, from its record, its checks, its
 * dependencies and the last request, e.g. `waiting for db:ready since 12 s (db: not ready, last
 * probe: connection refused)` or `BACKOFF 2/3, next try in 4 s; Exited too quickly`.
 */

import { describeProbe } from "../config/probe_spec.ts";
import type { Clock } from "../core/ports.ts";
import type { ProbeCycle } from "../process/probe_cycle.ts";
import {
  EXITED_TOO_QUICKLY,
  EXITED_WITHIN_MIN_UPTIME,
  START_LIMIT_HIT,
} from "../process/transition_actions.ts";
import type { Explanation } from "../protocol/types.ts";
import { START_REQUEST } from "./control_requests.ts";
import type { DependencyGate } from "./dependency_gate.ts";
import { namespecOf } from "./group_registry.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** Lines of output shown for a FATAL or BACKOFF process. */
const OUTPUT_LINES = 5;

/** Builds the explanation of one process. */
export function explainProcess(
  slot: ProcessSlot,
  ctx: { gate: DependencyGate; clock: Clock; word: string },
): Explanation {
  const r = slot.record;
  const c = slot.config;
  const now = ctx.clock.now();
  const mono = ctx.clock.monotonic();
  const lines: string[] = [];
  const ago = (monoMs: number) => secs(mono - monoMs);
  const head = `${namespecOf(slot)}: ${r.state}${ctx.word === "" ? "" : ` (${ctx.word})`}`;
  const waiting = ctx.gate.waiting(slot);
  switch (r.state) {
    case "STOPPED":
      if (waiting !== undefined) {
        const unmet = ctx.gate.unmet(slot);
        lines.push(
          `${head}: waiting for ${
            unmet.map((u) => `${u.dependency.program}:${u.dependency.condition}`).join(", ")
          } since ${secs(now - waiting.since)}`,
        );
        for (const u of unmet) {
          if (u.slots.length === 0) {
            lines.push(`  ${u.dependency.program}: not active (no process)`);
          }
          for (const d of u.slots) {
            lines.push(`  ${d.name}: ${dependencyState(d, u.dependency.condition, mono)}`);
          }
        }
      } else if (r.laststart === 0) {
        lines.push(
          `${head}: not started${
            c.autostart ? "" : " (autostart=false)"
          }; nothing has asked for it`,
        );
      } else if (slot.lastRequest !== null && slot.lastRequest.what !== START_REQUEST) {
        lines.push(`${head}: stopped by ${slot.lastRequest.what} at ${clock(slot.lastRequest.at)}`);
      } else {
        lines.push(`${head}: stopped at ${clock(r.laststop)}${exitText(r.exitstatus)}`);
      }
      break;
    case "STARTING": {
      const left = r.timer === "startsecs" ? `; RUNNING in ${secs(Math.max(0, r.due - mono))}` : "";
      lines.push(
        `${head}: spawned pid ${r.pid} ${
          ago(r.startedAt)
        } ago, must stay up for startsecs=${c.startsecs}${left}`,
      );
      break;
    }
    case "RUNNING":
      lines.push(`${head}: pid ${r.pid}, up for ${secs(now - r.laststart)}`);
      lines.push(...checkLines(slot, mono));
      break;
    case "BACKOFF": {
      const tries = c.restartPolicy?.forever === true
        ? `${r.backoff} (retry_forever)`
        : `${r.backoff}/${c.startretries}`;
      lines.push(
        `${head} ${tries}, next try in ${secs(Math.max(0, r.due - mono))}; ${
          r.spawnerr ?? "exited"
        }`,
      );
      lines.push(...lastOutput(slot));
      break;
    }
    case "FATAL":
      lines.push(`${head}: ${fatalReason(r.spawnerr, c)}`);
      lines.push(...lastOutput(slot));
      break;
    case "EXITED": {
      const expected = r.exitstatus !== null && c.exitcodes.includes(r.exitstatus);
      lines.push(
        `${head}: exited at ${clock(r.laststop)}${exitText(r.exitstatus)} ` +
          `(${expected ? "expected" : "not expected"}; autorestart=${c.autorestart})`,
      );
      if (!expected) lines.push(...lastOutput(slot));
      break;
    }
    case "STOPPING":
      lines.push(
        `${head}: ${slot.lastRequest?.what ?? "a stop"} sent ${c.stopsignal} to pid ${r.pid}` +
          (r.timer === "stopwait" ? `; SIGKILL in ${secs(Math.max(0, r.due - mono))}` : ""),
      );
      break;
    case "UNKNOWN":
      lines.push(`${head}: svisor could not signal pid ${r.pid}; see the main log`);
      break;
  }
  if (c.dependsOn !== undefined && waiting === undefined) {
    const parts = c.dependsOn.map((d) => {
      const slots = ctx.gate.program(d.program);
      const met = slots.length > 0 && slots.every((s) => ctx.gate.meets(s, d));
      return `${d.program}:${d.condition} (${met ? "met" : "not met"})`;
    });
    lines.push(`needs ${parts.join(", ")}`);
  }
  const dependants = ctx.gate.dependants(slot);
  if (dependants.length > 0) {
    lines.push(
      `needed by ${
        dependants.map((s) => {
          const d = s.config.dependsOn?.find((x) => x.program === c.program);
          return `${namespecOf(s)} (${d?.program}:${d?.condition})`;
        }).join(", ")
      }`,
    );
  }
  if (slot.lastRequest !== null && !lines[0]?.includes(slot.lastRequest.what)) {
    lines.push(`last request: ${slot.lastRequest.what} at ${clock(slot.lastRequest.at)}`);
  }
  return { namespec: namespecOf(slot), statename: r.state, readiness: ctx.word, lines };
}

/** Why a FATAL process gave up: the start limit, or retries that each ended too soon. */
function fatalReason(spawnerr: string | null, c: ProcessSlot["config"]): string {
  if (spawnerr === null) return "gave up";
  if (spawnerr.startsWith(START_LIMIT_HIT)) return spawnerr;
  const retries = `${spawnerr}; gave up after ${c.startretries} retries`;
  if (spawnerr === EXITED_TOO_QUICKLY) {
    return `${retries} (each start ended within startsecs=${c.startsecs})`;
  }
  if (spawnerr.startsWith(EXITED_WITHIN_MIN_UPTIME)) {
    return `${retries} (each run ended within min_uptime)`;
  }
  return retries;
}

function checkLines(slot: ProcessSlot, mono: number): string[] {
  const out: string[] = [];
  const c = slot.config;
  const checks = slot.checks;
  if (c.readiness === undefined || checks === null) {
    out.push(`ready: stayed up for more than startsecs=${c.startsecs}`);
  } else {
    const what = describeProbe(c.readiness.probe);
    const cycle = checks.readiness;
    if (cycle.phase === "passed") {
      out.push(`ready for ${secs(mono - cycle.since)}: ${what}${last(cycle)}`);
    } else if (cycle.phase === "failed") {
      out.push(`readiness failed: ${what}: gave up after ${cycle.failures} failures${last(cycle)}`);
    } else {
      out.push(`not ready for ${secs(mono - cycle.since)}: waiting for ${what}${last(cycle)}`);
    }
  }
  if (c.health !== undefined && checks !== null) {
    const cycle = checks.health;
    const what = describeProbe(c.health.probe);
    const state = checks.word() === "unhealthy"
      ? "unhealthy"
      : cycle.probes === 0
      ? "not checked yet"
      : cycle.lastOk
      ? "healthy"
      : `failing (${cycle.failures} of ${c.health.timing.failureThreshold})`;
    out.push(`health: ${state}: ${what}${last(cycle)}`);
  }
  return out;
}

function dependencyState(slot: ProcessSlot, condition: string, mono: number): string {
  const r = slot.record;
  const checks = slot.checks;
  const c = slot.config;
  if (r.state !== "RUNNING" || checks === null) {
    return r.state + (r.spawnerr === null ? "" : ` (${r.spawnerr})`);
  }
  const parts = ["RUNNING"];
  if (c.readiness !== undefined) {
    parts.push(
      `${checks.word()} for ${secs(mono - checks.readiness.since)}${last(checks.readiness)}`,
    );
  }
  if (condition === "healthy" && c.health !== undefined && checks.ready) {
    const cycle = checks.health;
    const state = cycle.probes === 0 ? "not checked yet" : cycle.lastOk ? "healthy" : "not healthy";
    parts.push(`health ${state}${last(cycle)}`);
  }
  return parts.join(", ");
}

function last(cycle: ProbeCycle): string {
  if (cycle.last === null) return "";
  const n = cycle.failures > 0 ? `, ${cycle.failures} failed in a row` : "";
  return ` (last probe: ${cycle.last}${n})`;
}

function lastOutput(slot: ProcessSlot): string[] {
  const capture = slot.stderr ?? slot.stdout;
  const text = new TextDecoder().decode(capture.tail.bytes()).trimEnd();
  if (text === "") return [];
  const which = slot.stderr === null ? "output" : "stderr";
  return [`last ${which}:`, ...text.split("\n").slice(-OUTPUT_LINES).map((l) => `  ${l}`)];
}

function exitText(code: number | null): string {
  return code === null ? "" : code === -1 ? " (by a signal)" : ` with status ${code}`;
}

function secs(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${Math.round(s * 10) / 10} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function clock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
