/** The event objects published on the bus (supervisor's types plus svisor's internal ones) and their payload texts. */

import type { ProcessStateName as ProcessState } from "../protocol/states.ts";
import type { EventTypeName } from "./event_types.ts";

type StateEventType =
  | "PROCESS_STATE_STOPPED"
  | "PROCESS_STATE_EXITED"
  | "PROCESS_STATE_STARTING"
  | "PROCESS_STATE_STOPPING"
  | "PROCESS_STATE_BACKOFF"
  | "PROCESS_STATE_FATAL"
  | "PROCESS_STATE_RUNNING"
  | "PROCESS_STATE_UNKNOWN";

/** A process changed state. */
export interface ProcessStateEvent {
  type: StateEventType;
  /** Process name. */
  processName: string;
  /** Group name. */
  groupName: string;
  /** The state left. */
  fromState: ProcessState;
  /** For EXITED: whether the exit status was expected. */
  expected: boolean;
  /** The backoff count (STARTING and BACKOFF payloads). */
  tries: number;
  /** The pid at the change. */
  pid: number;
}

/** A chunk of output (PROCESS_LOG_*), or a captured block (PROCESS_COMMUNICATION_*). */
export interface ProcessDataEvent {
  type:
    | "PROCESS_LOG_STDOUT"
    | "PROCESS_LOG_STDERR"
    | "PROCESS_COMMUNICATION_STDOUT"
    | "PROCESS_COMMUNICATION_STDERR";
  processName: string;
  groupName: string;
  pid: number;
  /** The bytes as read. */
  data: Uint8Array;
}

/** sendRemoteCommEvent. */
export interface RemoteCommunicationEvent {
  type: "REMOTE_COMMUNICATION";
  /** The `type:` key of the payload. */
  commType: string;
  data: string;
}

/** The daemon started running or began stopping. */
export interface SupervisorStateEvent {
  type: "SUPERVISOR_STATE_CHANGE_RUNNING" | "SUPERVISOR_STATE_CHANGE_STOPPING";
}

/** A tick: `when` is epoch seconds floored to the period. */
export interface TickEvent {
  type: "TICK_5" | "TICK_60" | "TICK_3600";
  when: number;
}

/** A group was added or removed. */
export interface ProcessGroupEvent {
  type: "PROCESS_GROUP_ADDED" | "PROCESS_GROUP_REMOVED";
  groupName: string;
}

/** Internal: every chunk a child writes, after it reached the log sink (for log following). */
export interface ProcessOutputEvent {
  type: "PROCESS_OUTPUT";
  processName: string;
  groupName: string;
  channel: "stdout" | "stderr";
  pid: number;
  /** Valid only during the call: the reader reuses the buffer (copy or decode it at once). */
  data: Uint8Array;
}

/** Internal: a line written to the main log (for following it). */
export interface MainLogLineEvent {
  type: "MAIN_LOG_LINE";
  /** The formatted line, with its newline. */
  line: string;
}

/** svisor's readiness and health outcomes of a process (docs/readiness.md). */
export interface ProcessCheckEvent {
  type: "PROCESS_READINESS" | "PROCESS_HEALTH";
  processName: string;
  groupName: string;
  pid: number;
  /**
   * Readiness: `ready`, `failure` (one probe failed) or `failed` (gave up), and `waiting` or
   * `waited` when a wait for its dependencies begins or ends; health: `failure`, `unhealthy`
   * (threshold reached), `restart` (restarting for it) or `healthy` (recovered).
   */
  status:
    | "ready"
    | "failure"
    | "failed"
    | "waiting"
    | "waited"
    | "unhealthy"
    | "restart"
    | "healthy";
  /** The probe and its last result, e.g. `tcp 127.0.0.1:5432: connection refused`. */
  detail: string;
  /** Failures in a row. */
  failures: number;
}

/** Every concrete event. */
export type SupervisorEvent =
  | ProcessStateEvent
  | ProcessDataEvent
  | RemoteCommunicationEvent
  | SupervisorStateEvent
  | TickEvent
  | ProcessGroupEvent
  | ProcessOutputEvent
  | MainLogLineEvent
  | ProcessCheckEvent;

/** An event shape split into one shape per `type` value (so `Extract` can narrow by type). */
type SplitByType<E extends { type: string }> = E extends unknown
  ? { [K in E["type"]]: Omit<E, "type"> & { type: K } }[E["type"]]
  : never;

/** The concrete events delivered to a subscription to `T` (itself and its subtypes). */
export type EventOf<T extends EventTypeName> = T extends "EVENT"
  ? Exclude<SupervisorEvent, ProcessOutputEvent | MainLogLineEvent | ProcessCheckEvent>
  : Extract<SplitByType<SupervisorEvent>, { type: T | `${T}_${string}` }>;

/**
 * The payload supervisor sends to event listeners for an event (§6.1 of the reference).
 *
 * @example
 * ```ts
 * import { eventPayload } from "./supervisor_event.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   eventPayload({
 *     type: "PROCESS_STATE_STARTING", processName: "lis", groupName: "lis",
 *     fromState: "STOPPED", expected: true, tries: 0, pid: 0,
 *   }),
 *   "processname:lis groupname:lis from_state:STOPPED tries:0",
 * );
 * assert.equal(eventPayload({ type: "PROCESS_GROUP_ADDED", groupName: "lis" }), "groupname:lis\n");
 * ```
 */
export function eventPayload(event: SupervisorEvent): string {
  switch (event.type) {
    case "PROCESS_STATE_STARTING":
    case "PROCESS_STATE_BACKOFF":
      return `${stateHead(event)} tries:${event.tries}`;
    case "PROCESS_STATE_EXITED":
      return `${stateHead(event)} expected:${event.expected ? 1 : 0} pid:${event.pid}`;
    case "PROCESS_STATE_RUNNING":
    case "PROCESS_STATE_STOPPING":
    case "PROCESS_STATE_STOPPED":
      return `${stateHead(event)} pid:${event.pid}`;
    case "PROCESS_STATE_FATAL":
    case "PROCESS_STATE_UNKNOWN":
      return stateHead(event);
    case "PROCESS_LOG_STDOUT":
    case "PROCESS_LOG_STDERR": {
      const channel = event.type === "PROCESS_LOG_STDOUT" ? "stdout" : "stderr";
      return `processname:${event.processName} groupname:${event.groupName} pid:${event.pid} channel:${channel}\n${
        decodeData(event.data)
      }`;
    }
    case "PROCESS_COMMUNICATION_STDOUT":
    case "PROCESS_COMMUNICATION_STDERR":
      return `processname:${event.processName} groupname:${event.groupName} pid:${event.pid}\n${
        decodeData(event.data)
      }`;
    case "REMOTE_COMMUNICATION":
      return `type:${event.commType}\n${event.data}`;
    case "SUPERVISOR_STATE_CHANGE_RUNNING":
    case "SUPERVISOR_STATE_CHANGE_STOPPING":
      return "";
    case "TICK_5":
    case "TICK_60":
    case "TICK_3600":
      return `when:${event.when}`;
    case "PROCESS_GROUP_ADDED":
    case "PROCESS_GROUP_REMOVED":
      return `groupname:${event.groupName}\n`;
    case "PROCESS_OUTPUT":
      return decodeData(event.data);
    case "MAIN_LOG_LINE":
      return event.line;
    case "PROCESS_READINESS":
    case "PROCESS_HEALTH":
      return `processname:${event.processName} groupname:${event.groupName} pid:${event.pid} ` +
        `status:${event.status} failures:${event.failures}\n${event.detail}`;
  }
}

function stateHead(e: ProcessStateEvent): string {
  return `processname:${e.processName} groupname:${e.groupName} from_state:${e.fromState}`;
}

/** A decoder without `stream` keeps no state between calls: one serves every event. */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 text, or supervisor's `Undecodable: b'...'` when the bytes are not valid UTF-8. */
export function decodeData(data: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(data);
  } catch {
    return `Undecodable: ${pyBytesRepr(data)}`;
  }
}

/** Python's `repr(bytes)`: `b'...'` with \\t \\n \\r \\xNN escapes. */
export function pyBytesRepr(data: Uint8Array): string {
  const hasSingle = data.includes(0x27);
  const quote = hasSingle && !data.includes(0x22) ? '"' : "'";
  let out = "b" + quote;
  for (const b of data) {
    if (b === 0x5c) out += "\\\\";
    else if (b === quote.charCodeAt(0)) out += "\\" + quote;
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(b);
  }
  return out + quote;
}
