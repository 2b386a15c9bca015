/**
 * The actions of the transition table: each edits a Draft for one (state, input) pair with
 * supervisor 4.2.5's rules and main-log texts (process.py `spawn`, `finish`, `kill`, `transition`).
 */

import { decodeExit } from "./exit_status.ts";
import type { Draft } from "./step_draft.ts";
import type { ProcessInput } from "./process_record.ts";
import { backoffDelayMs, givesUp, startLimit } from "./restart_policy.ts";

type In<T extends ProcessInput["type"]> = Extract<ProcessInput, { type: T }>;

/** The spawnerr of a child that exited before startsecs. */
export const EXITED_TOO_QUICKLY = "Exited too quickly (process log may have details)";

/** How the spawnerr of a start over start_limit_burst begins. */
export const START_LIMIT_HIT = "start limit hit";

/** How the spawnerr of an exit sooner than min_uptime begins. */
export const EXITED_WITHIN_MIN_UPTIME = "Exited within min_uptime";

/** Never-started STOPPED process with autostart, while the daemon runs: spawn. */
export function autostart(d: Draft): void {
  if (!d.ctx.config.autostart || d.next.laststart !== 0 || d.ctx.shuttingDown) return;
  spawn(d);
}

/** STOPPED/EXITED/FATAL/BACKOFF -> STARTING, then ask the runner to spawn. */
export function spawn(d: Draft): void {
  d.cancelTimer();
  const limit = startLimit(d.next.startTimes, d.ctx.now, d.ctx.config);
  if (limit !== null) {
    d.next.startTimes = limit.times;
    if (limit.hit) {
      const p = d.ctx.config.restartPolicy!;
      d.next.spawnerr = `${START_LIMIT_HIT}: ${p.startLimitBurst} starts within ` +
        `${p.startLimitIntervalMs / 1000} s (start_limit_burst)`;
      d.next.backoff = 0;
      d.change("FATAL");
      d.log("INFO", `gave up: ${d.name} entered FATAL state, ${d.next.spawnerr}`);
      return;
    }
  }
  d.next.killing = false;
  d.next.spawnerr = null;
  d.next.exitstatus = null;
  d.next.laststart = d.ctx.wall;
  d.next.startedAt = d.ctx.now;
  d.change("STARTING");
  d.push({ type: "spawn" });
}

/** The child exists: log it and wait startsecs (strictly more) before RUNNING. */
export function spawned(d: Draft, input: In<"spawned">): void {
  d.next.pid = input.pid;
  d.log("INFO", `spawned: '${d.name}' with pid ${input.pid}`);
  const ms = d.ctx.config.startsecs * 1000;
  if (ms <= 0) becomeRunning(d);
  else d.setTimer("startsecs", ms + 1);
}

/** A spawn error before any child existed: record it and back off. */
export function spawnFailed(d: Draft, input: In<"spawnFailed">): void {
  d.next.spawnerr = input.message;
  d.log("INFO", `spawnerr: ${input.message}`);
  enterBackoff(d);
}

/** The startsecs timer: RUNNING once the child has been up strictly longer than startsecs. */
export function startsecsElapsed(d: Draft, input: In<"timer">): void {
  if (input.kind !== "startsecs") return;
  const up = d.ctx.now - d.next.startedAt;
  const need = d.ctx.config.startsecs * 1000;
  if (up > need) becomeRunning(d);
  else d.setTimer("startsecs", need - up + 1);
}

/** The child exited while STARTING: too quickly goes to BACKOFF whatever the code and autorestart. */
export function exitedStarting(d: Draft, input: In<"exited">): void {
  const up = d.ctx.now - d.next.startedAt;
  if (up >= d.ctx.config.startsecs * 1000) {
    // Up long enough, but the startsecs timer has not fired yet: RUNNING first, silently.
    d.cancelTimer();
    if ((d.ctx.config.restartPolicy?.minUptimeMs ?? 0) === 0) d.next.backoff = 0;
    d.change("RUNNING");
    exitedRunning(d, input);
    return;
  }
  const { message } = decodeExit(input.status);
  d.cancelTimer();
  d.next.laststop = d.ctx.wall;
  d.next.exitstatus = null;
  d.next.spawnerr = EXITED_TOO_QUICKLY;
  d.change("BACKOFF");
  d.next.pid = 0;
  d.log("WARN", `exited: ${d.name} (${message}; not expected)`);
  afterBackoff(d);
}

/** The child exited on its own after RUNNING: EXITED, then autorestart decides. */
export function exitedRunning(d: Draft, input: In<"exited">): void {
  const { code, message } = decodeExit(input.status);
  const config = d.ctx.config;
  const expected = config.exitcodes.includes(code);
  const minUptime = config.restartPolicy?.minUptimeMs ?? 0;
  // With min_uptime, an exit that soon counts as one more failed start (backoff, then FATAL).
  const tooSoon = minUptime > 0 && d.ctx.now - d.next.startedAt < minUptime;
  d.cancelTimer();
  d.next.laststop = d.ctx.wall;
  if (!tooSoon) d.next.backoff = 0; // else BACKOFF below counts one more
  d.next.exitstatus = code;
  if (expected) {
    d.change("EXITED", true);
    d.log("INFO", `exited: ${d.name} (${message}; expected)`);
  } else {
    d.next.spawnerr = `Bad exit code ${code}`;
    d.change("EXITED", false);
    d.log("WARN", `exited: ${d.name} (${message}; not expected)`);
  }
  d.next.pid = 0;
  if (d.ctx.shuttingDown) return;
  if (config.autorestart === "true" || (config.autorestart === "unexpected" && !expected)) {
    if (!tooSoon) return spawn(d);
    d.next.spawnerr = `${EXITED_WITHIN_MIN_UPTIME} (${minUptime / 1000} s)`;
    d.change("BACKOFF");
    afterBackoff(d);
  }
}

/** The child was reaped after a stop request: STOPPED (logged at WARN unless the status is expected). */
export function exitedStopping(d: Draft, input: In<"exited">): void {
  const { code, message } = decodeExit(input.status);
  d.cancelTimer();
  d.next.killing = false;
  d.next.laststop = d.ctx.wall;
  d.next.exitstatus = code;
  d.change("STOPPED");
  d.next.pid = 0;
  const level = d.ctx.config.exitcodes.includes(code) ? "INFO" : "WARN";
  d.log(level, `stopped: ${d.name} (${message})`);
}

/** A child reaped in UNKNOWN: forget the pid, stay UNKNOWN. */
export function exitedUnknown(d: Draft, input: In<"exited">): void {
  d.next.exitstatus = decodeExit(input.status).code;
  d.next.laststop = d.ctx.wall;
  d.next.pid = 0;
  d.next.killing = false;
}

/** Stop while STARTING or RUNNING: stopsignal (to the group with stopasgroup), SIGKILL after stopwaitsecs. */
export function stop(d: Draft): void {
  const config = d.ctx.config;
  killWith(d, signalName(config.stopsignal), config.stopasgroup);
}

/** Stop while BACKOFF: no signal, straight to STOPPED; the backoff count is kept. */
export function stopFromBackoff(d: Draft): void {
  d.log("DEBG", `Attempted to kill ${d.name}, which is in BACKOFF state.`);
  d.cancelTimer();
  d.change("STOPPED");
}

/** The stopwait timer while STOPPING: SIGKILL (to the group with killasgroup), again every stopwaitsecs. */
export function escalateToKill(d: Draft, input: In<"timer">): void {
  if (input.kind !== "stopwait") return;
  if (d.ctx.now < d.next.due) {
    d.setTimer("stopwait", d.next.due - d.ctx.now);
    return;
  }
  d.log("WARN", `killing '${d.name}' (${d.next.pid}) with SIGKILL`);
  killWith(d, "SIGKILL", d.ctx.config.killasgroup);
}

/** The backoff timer: spawn again unless the daemon is shutting down. */
export function retryAfterBackoff(d: Draft, input: In<"timer">): void {
  if (input.kind !== "backoff") return;
  if (d.ctx.now < d.next.due) {
    d.setTimer("backoff", d.next.due - d.ctx.now);
    return;
  }
  d.next.timer = null;
  d.next.due = 0;
  if (d.ctx.shuttingDown) return;
  if (!givesUp(d.next.backoff, d.ctx.config)) spawn(d);
}

/** Shutdown meets a BACKOFF process: FATAL, with no log line. */
export function giveUp(d: Draft): void {
  d.cancelTimer();
  d.next.backoff = 0;
  d.change("FATAL");
}

/** signalProcess: send a signal to the child alone; the state does not change. */
export function sendSignal(d: Draft, input: In<"signal">): void {
  if (d.next.pid === 0) return;
  const sig = signalName(input.signal);
  d.log("DEBG", `sending ${d.name} (pid ${d.next.pid}) sig ${sig}`);
  d.push({ type: "kill", signal: sig, group: false });
}

/** The OS refused a kill for a reason other than "no such process": UNKNOWN. */
export function killFailed(d: Draft, input: In<"killFailed">): void {
  d.log("CRIT", `unknown problem killing ${d.name} (${d.next.pid}):${input.message}`);
  d.cancelTimer();
  d.next.killing = false;
  d.change("UNKNOWN");
}

/** `TERM` or `SIGTERM` -> `SIGTERM`. */
export function signalName(signal: string): string {
  const upper = signal.toUpperCase();
  return upper.startsWith("SIG") ? upper : `SIG${upper}`;
}

function becomeRunning(d: Draft): void {
  d.next.timer = null;
  d.next.due = 0;
  // With min_uptime the count is reset when the process exits after it, not at RUNNING.
  if ((d.ctx.config.restartPolicy?.minUptimeMs ?? 0) === 0) d.next.backoff = 0;
  d.change("RUNNING");
  d.log(
    "INFO",
    `success: ${d.name} entered RUNNING state, process has stayed up for > than ${d.ctx.config.startsecs} seconds (startsecs)`,
  );
}

function enterBackoff(d: Draft): void {
  d.cancelTimer();
  d.change("BACKOFF");
  afterBackoff(d);
}

function afterBackoff(d: Draft): void {
  const backoff = d.next.backoff;
  if (givesUp(backoff, d.ctx.config)) {
    d.next.backoff = 0;
    d.change("FATAL");
    d.log("INFO", `gave up: ${d.name} entered FATAL state, too many start retries too quickly`);
    return;
  }
  d.setTimer("backoff", backoffDelayMs(backoff, d.ctx.config, d.ctx.random));
}

function killWith(d: Draft, signal: string, group: boolean): void {
  const stopwait = d.ctx.config.stopwaitsecs * 1000;
  const again = d.next.state === "STOPPING";
  d.log(
    "DEBG",
    `killing ${d.name} (pid ${d.next.pid}) ${group ? "process group " : ""}with signal ${signal}`,
  );
  d.next.killing = true;
  if (!again) d.change("STOPPING");
  d.push({ type: "kill", signal, group });
  // A repeated SIGKILL comes at least a second apart (supervisor's loop wakes at most once a second).
  d.setTimer("stopwait", again ? Math.max(stopwait, 1000) : stopwait);
}
