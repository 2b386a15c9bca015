/**
 * The XML-RPC shapes of the control service's results, both ways: encoders with supervisor's member
 * order, numbers and aliases, and typed decoders that check every member and throw ProtocolError
 * naming the first one that is wrong. svisor's server encodes with these, ctl decodes with them.
 */

import type { XmlRpcValue } from "./xmlrpc_codec.ts";
import { faultCodeOf, faultNumber } from "./faults.ts";
import {
  DAEMON_STATES,
  type DaemonStateName,
  isDaemonStateName,
  isProcessStateName,
  PROCESS_STATES,
  processStateOf,
} from "./states.ts";
import type {
  ConfigDiff,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
} from "./types.ts";

/** A reply whose shape is not the one the contract promises; the message names what is wrong. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

// ---- encoding ----

/** getProcessInfo's struct, members in supervisor's order (ints and strings only). */
export function processInfoValue(p: ProcessInfo): XmlRpcValue {
  return {
    name: p.name,
    group: p.group,
    start: Math.trunc(p.start),
    stop: Math.trunc(p.stop),
    now: Math.trunc(p.now),
    state: PROCESS_STATES[p.statename],
    statename: p.statename,
    spawnerr: p.spawnerr,
    exitstatus: p.exitstatus,
    logfile: p.stdout_logfile,
    stdout_logfile: p.stdout_logfile,
    stderr_logfile: p.stderr_logfile,
    pid: p.pid,
    description: p.description,
    ...(p.readiness === undefined ? {} : { readiness: p.readiness }),
  };
}

/** The `{name, group, status, description}` array of group and all operations (status a number). */
export function resultsValue(results: readonly ProcessResult[]): XmlRpcValue {
  return results.map((r) => ({
    name: r.name,
    group: r.group,
    status: faultNumber(r.status),
    description: r.description,
  }));
}

/** getState's `{statecode, statename}`. */
export function daemonStateValue(state: DaemonStateName): XmlRpcValue {
  return { statecode: DAEMON_STATES[state], statename: state };
}

/** One getAllConfigInfo struct in 4.2.5's member order; missing values travel as `'none'`. */
export function configInfoValue(c: ProcessConfigInfo): XmlRpcValue {
  return {
    autostart: c.autostart,
    directory: c.directory ?? "none",
    uid: c.uid ?? "none",
    command: c.command,
    exitcodes: [...c.exitcodes],
    group: c.group,
    group_prio: c.group_prio,
    inuse: c.inuse,
    killasgroup: c.killasgroup,
    name: c.name,
    process_prio: c.process_prio,
    redirect_stderr: c.redirect_stderr,
    startretries: c.startretries,
    startsecs: c.startsecs,
    stdout_capture_maxbytes: c.stdout_capture_maxbytes,
    stdout_events_enabled: c.stdout_events_enabled,
    stdout_logfile: c.stdout_logfile,
    stdout_logfile_backups: c.stdout_logfile_backups,
    stdout_logfile_maxbytes: c.stdout_logfile_maxbytes,
    stdout_syslog: c.stdout_syslog,
    stopsignal: c.stopsignal,
    stopwaitsecs: c.stopwaitsecs,
    stderr_capture_maxbytes: c.stderr_capture_maxbytes,
    stderr_events_enabled: c.stderr_events_enabled,
    stderr_logfile: c.stderr_logfile,
    stderr_logfile_backups: c.stderr_logfile_backups,
    stderr_logfile_maxbytes: c.stderr_logfile_maxbytes,
    stderr_syslog: c.stderr_syslog,
    serverurl: c.serverurl,
  };
}

/** tail results as supervisor's `[bytes, offset, overflow]`. */
export function tailValue(t: TailResult): XmlRpcValue {
  return [t.text, t.offset, t.overflow];
}

/** reloadConfig's `[[added, changed, removed]]`. */
export function diffValue(d: ConfigDiff): XmlRpcValue {
  return [[[...d.added], [...d.changed], [...d.removed]]];
}

// ---- decoding ----

/** Reads members of a decoded struct, naming the reply and member in every error. */
class Members {
  readonly #rec: Record<string, unknown>;
  readonly #where: string;
  constructor(value: unknown, where: string) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ProtocolError(`${where}: expected a struct, got ${kindOf(value)}`);
    }
    this.#rec = value as Record<string, unknown>;
    this.#where = where;
  }
  #get(key: string): unknown {
    return Object.hasOwn(this.#rec, key) ? this.#rec[key] : undefined;
  }
  #bad(key: string, want: string, v: unknown): never {
    throw new ProtocolError(`${this.#where}: member "${key}" should be ${want}, got ${kindOf(v)}`);
  }
  has(key: string): boolean {
    return this.#get(key) !== undefined;
  }
  str(key: string): string {
    const v = this.#get(key);
    return typeof v === "string" ? v : this.#bad(key, "a string", v);
  }
  int(key: string): number {
    const v = this.#get(key);
    return typeof v === "number" && Number.isInteger(v) ? v : this.#bad(key, "an int", v);
  }
  bool(key: string): boolean {
    const v = this.#get(key);
    return typeof v === "boolean" ? v : this.#bad(key, "a boolean", v);
  }
  /** A string, or null for supervisor's `'none'` (and for a JSON null). */
  noneStr(key: string): string | null {
    const v = this.#get(key);
    if (v === null || v === "none") return null;
    return typeof v === "string" ? v : this.#bad(key, "a string", v);
  }
  noneInt(key: string): number | null {
    const v = this.#get(key);
    if (v === null || v === "none") return null;
    return typeof v === "number" && Number.isInteger(v) ? v : this.#bad(key, "an int", v);
  }
  ints(key: string): number[] {
    const v = this.#get(key);
    if (!Array.isArray(v) || !v.every((x) => typeof x === "number")) {
      return this.#bad(key, "an array of ints", v);
    }
    return v as number[];
  }
}

function kindOf(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "a struct" : `${typeof v} ${JSON.stringify(v)}`;
}

function arrayOf<T>(value: unknown, where: string, item: (v: unknown, where: string) => T): T[] {
  if (!Array.isArray(value)) {
    throw new ProtocolError(`${where}: expected an array, got ${kindOf(value)}`);
  }
  return value.map((v, i) => item(v, `${where}[${i}]`));
}

/**
 * A process info from an XML-RPC struct or svisor's JSON (the state by `statename`, else by code).
 *
 * @example
 * ```ts
 * import { decodeProcessInfo, processInfoValue } from "./rpc_values.ts";
 * import assert from "node:assert/strict";
 * const info = {
 *   name: "web", group: "web", description: "Not started", start: 0, stop: 0, now: 5,
 *   statename: "STOPPED" as const, spawnerr: "", exitstatus: 0, stdout_logfile: "",
 *   stderr_logfile: "", pid: 0,
 * };
 * assert.deepEqual(decodeProcessInfo(processInfoValue(info), "getProcessInfo"), info);
 * ```
 */
export function decodeProcessInfo(value: unknown, where: string): ProcessInfo {
  const m = new Members(value, where);
  const statename = m.has("statename") ? m.str("statename") : processStateOf(m.int("state"));
  if (!isProcessStateName(statename)) {
    throw new ProtocolError(`${where}: member "statename" is not a state: "${statename}"`);
  }
  return {
    name: m.str("name"),
    group: m.str("group"),
    description: m.str("description"),
    start: m.int("start"),
    stop: m.int("stop"),
    now: m.int("now"),
    statename,
    spawnerr: m.str("spawnerr"),
    exitstatus: m.int("exitstatus"),
    stdout_logfile: m.str("stdout_logfile"),
    stderr_logfile: m.str("stderr_logfile"),
    pid: m.int("pid"),
    ...(m.has("readiness") ? { readiness: m.str("readiness") } : {}),
  };
}

/** An array of process infos. */
export function decodeProcessInfos(value: unknown, where: string): ProcessInfo[] {
  return arrayOf(value, where, decodeProcessInfo);
}

/** The result array of a group or all operation; status numbers become fault names. */
export function decodeResults(value: unknown, where: string): ProcessResult[] {
  return arrayOf(value, where, (v, w) => {
    const m = new Members(v, w);
    return {
      name: m.str("name"),
      group: m.str("group"),
      status: faultCodeOf(m.int("status")),
      description: m.str("description"),
    };
  });
}

/** getState's struct: the state name (checked against the code). */
export function decodeDaemonState(value: unknown, where: string): DaemonStateName {
  const m = new Members(value, where);
  const name = m.str("statename");
  if (!isDaemonStateName(name) || DAEMON_STATES[name] !== m.int("statecode")) {
    throw new ProtocolError(`${where}: "${name}" is not a daemon state with its code`);
  }
  return name;
}

/** A tail result `[bytes, offset, overflow]`. */
export function decodeTail(value: unknown, where: string): TailResult {
  if (
    !Array.isArray(value) || typeof value[0] !== "string" || typeof value[1] !== "number" ||
    typeof value[2] !== "boolean"
  ) {
    throw new ProtocolError(`${where}: expected [string, int, boolean], got ${kindOf(value)}`);
  }
  return { text: value[0], offset: value[1], overflow: value[2] };
}

/** reloadConfig's `[[added, changed, removed]]`. */
export function decodeDiff(value: unknown, where: string): ConfigDiff {
  const inner = Array.isArray(value) ? value[0] : undefined;
  const names = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!Array.isArray(inner) || inner.length !== 3 || !inner.every(names)) {
    throw new ProtocolError(`${where}: expected [[added, changed, removed]] of names`);
  }
  const [added, changed, removed] = inner as string[][];
  return { added: added ?? [], changed: changed ?? [], removed: removed ?? [] };
}

/** An array of getAllConfigInfo structs (`'none'` becomes null). */
export function decodeConfigInfos(value: unknown, where: string): ProcessConfigInfo[] {
  return arrayOf(value, where, (v, w) => {
    const m = new Members(v, w);
    return {
      autostart: m.bool("autostart"),
      directory: m.noneStr("directory"),
      uid: m.noneInt("uid"),
      command: m.str("command"),
      exitcodes: m.ints("exitcodes"),
      group: m.str("group"),
      group_prio: m.int("group_prio"),
      inuse: m.bool("inuse"),
      killasgroup: m.bool("killasgroup"),
      name: m.str("name"),
      process_prio: m.int("process_prio"),
      redirect_stderr: m.bool("redirect_stderr"),
      startretries: m.int("startretries"),
      startsecs: m.int("startsecs"),
      stdout_capture_maxbytes: m.int("stdout_capture_maxbytes"),
      stdout_events_enabled: m.bool("stdout_events_enabled"),
      stdout_logfile: m.str("stdout_logfile"),
      stdout_logfile_backups: m.int("stdout_logfile_backups"),
      stdout_logfile_maxbytes: m.int("stdout_logfile_maxbytes"),
      stdout_syslog: m.bool("stdout_syslog"),
      stderr_capture_maxbytes: m.int("stderr_capture_maxbytes"),
      stderr_events_enabled: m.bool("stderr_events_enabled"),
      stderr_logfile: m.str("stderr_logfile"),
      stderr_logfile_backups: m.int("stderr_logfile_backups"),
      stderr_logfile_maxbytes: m.int("stderr_logfile_maxbytes"),
      stderr_syslog: m.bool("stderr_syslog"),
      stopsignal: m.int("stopsignal"),
      stopwaitsecs: m.int("stopwaitsecs"),
      serverurl: m.str("serverurl"),
    };
  });
}

/** A string reply. */
export function decodeString(value: unknown, where: string): string {
  if (typeof value !== "string") {
    throw new ProtocolError(`${where}: expected a string, got ${kindOf(value)}`);
  }
  return value;
}

/** An int reply. */
export function decodeInt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ProtocolError(`${where}: expected an int, got ${kindOf(value)}`);
  }
  return value;
}

/** A boolean reply (supervisor's methods answer true or fault). */
export function decodeBoolean(value: unknown, where: string): boolean {
  if (typeof value !== "boolean") {
    throw new ProtocolError(`${where}: expected a boolean, got ${kindOf(value)}`);
  }
  return value;
}
