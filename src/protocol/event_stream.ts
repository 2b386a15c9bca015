/** The event stream's wire (`GET /api/v1/events`, Server-Sent Events): the JSON of an event, the gap/dropped frames, heartbeats, and a frame reader for clients. */

/** The route, under the JSON API prefix. */
export const EVENT_STREAM_PATH = "/api/v1/events";

/** Events a subscriber may lag behind before it is told so and dropped. */
export const SUBSCRIBER_QUEUE_LIMIT = 1000;

/** Default seconds between heartbeats (`?heartbeat=` overrides). */
export const DEFAULT_HEARTBEAT_SECONDS = 15;

/** A client that can follow the stream (svisor ctl's remote service); yields the raw SSE text. */
export interface EventStreamClient {
  /** GETs the stream with this query string (`types=...&follow=0`) and Last-Event-ID. */
  followEvents(query: string, lastEventId: number | null): AsyncIterable<string> & {
    close(): void;
  };
}

/** One event as the stream sends it (`data:` of an `event: event` frame). */
export interface StreamEvent {
  /** The stream serial (also the frame's `id:`), from 1, over every event of the daemon's life. */
  id: number;
  /** supervisor's event type name (PROCESS_STATE_RUNNING, TICK_5, ...). */
  type: string;
  /** Wall-clock milliseconds when it happened. */
  time: number;
  /** The `group:process` (or group) it concerns, or null. */
  name: string | null;
  /** The payload's `key:value` tokens (the first line, as childutils.get_headers reads them). */
  fields: Record<string, string>;
  /** The payload exactly as a listener gets it. */
  payload: string;
}

/** A frame of the stream as a client reads it. */
export type StreamFrame =
  | { kind: "event"; event: StreamEvent }
  /** Events `from`..`to` fell out of the history before this subscriber could get them. */
  | { kind: "gap"; from: number; to: number }
  /** The subscriber fell behind by more than the queue limit; the stream ends after this. */
  | { kind: "dropped"; reason: string }
  | { kind: "heartbeat" };

/** The SSE text of an event frame. */
export function eventFrame(event: StreamEvent): string {
  return `event: event\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The SSE text of a gap frame. */
export function gapFrame(from: number, to: number): string {
  return `event: gap\ndata: ${JSON.stringify({ from, to })}\n\n`;
}

/** The SSE text of a dropped frame. */
export function droppedFrame(reason: string): string {
  return `event: dropped\ndata: ${JSON.stringify({ reason })}\n\n`;
}

/** A heartbeat: an SSE comment line (browsers ignore it; proxies see traffic). */
export const HEARTBEAT_FRAME = ": heartbeat\n\n";

/**
 * Reads SSE text incrementally into frames (unknown or malformed frames are skipped).
 *
 * @example
 * ```ts
 * import { FrameReader, gapFrame } from "./event_stream.ts";
 * import assert from "node:assert/strict";
 * const r = new FrameReader();
 * assert.deepEqual(r.push(gapFrame(1, 4).slice(0, 10)), []);
 * assert.deepEqual(r.push(gapFrame(1, 4).slice(10)), [{ kind: "gap", from: 1, to: 4 }]);
 * ```
 */
export class FrameReader {
  #rest = "";

  /** Takes more text; returns the frames it completes. */
  push(text: string): StreamFrame[] {
    this.#rest += text;
    const frames: StreamFrame[] = [];
    for (let end = this.#rest.indexOf("\n\n"); end !== -1; end = this.#rest.indexOf("\n\n")) {
      const block = this.#rest.slice(0, end);
      this.#rest = this.#rest.slice(end + 2);
      const frame = parseBlock(block);
      if (frame !== null) frames.push(frame);
    }
    return frames;
  }
}

function parseBlock(block: string): StreamFrame | null {
  let name = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith(": heartbeat")) return { kind: "heartbeat" };
    if (line.startsWith("event: ")) name = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  try {
    const value = JSON.parse(data) as Record<string, unknown>;
    if (name === "event") {
      const event = decodeStreamEvent(value);
      return event === null ? null : { kind: "event", event };
    }
    if (name === "gap" && typeof value["from"] === "number" && typeof value["to"] === "number") {
      return { kind: "gap", from: value["from"], to: value["to"] };
    }
    if (name === "dropped") return { kind: "dropped", reason: String(value["reason"] ?? "") };
  } catch {
    // Not JSON: not a frame of this stream; skipped as the doc says.
  }
  return null;
}

/** A StreamEvent from parsed JSON, or null when a field is missing or of the wrong type. */
export function decodeStreamEvent(v: Record<string, unknown>): StreamEvent | null {
  const { id, type, time, name, fields, payload } = v;
  if (typeof id !== "number" || typeof type !== "string" || typeof time !== "number") return null;
  if (name !== null && typeof name !== "string") return null;
  if (typeof payload !== "string" || typeof fields !== "object" || fields === null) return null;
  const out: Record<string, string> = {};
  for (const [k, f] of Object.entries(fields)) {
    if (typeof f !== "string") return null;
    out[k] = f;
  }
  return { id, type, time, name, fields: out, payload };
}
