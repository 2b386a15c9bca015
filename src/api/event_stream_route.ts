/** `GET /api/v1/events`: the event stream as Server-Sent Events, resumable with Last-Event-ID, filtered by `types` and `names`, with heartbeats. */

import { concatBytes } from "../core/bytes.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EventStreamHub, StreamFilter } from "../events/event_stream_hub.ts";
import { isEventTypeName } from "../events/event_types.ts";
import {
  DEFAULT_HEARTBEAT_SECONDS,
  droppedFrame,
  eventFrame,
  gapFrame,
  HEARTBEAT_FRAME,
  type StreamEvent,
  type StreamFrame,
} from "../protocol/event_stream.ts";
import { jsonError } from "./json_kit.ts";
import { errors } from "./json_routes_kit.ts";

const query = (name: string, description: string) =>
  z.string().optional().openapi({ param: { name, in: "query" }, description });

const EventsQuery = z.object({
  types: query("types", "Comma list of event types (abstract ones take their subtypes)"),
  names: query("names", "Comma list of `group:name` globs (a bare `group` is `group:*`)"),
  heartbeat: query("heartbeat", "Seconds between `: heartbeat` comments (default 15)"),
  follow: query("follow", "`0`: only the kept history, then the response ends"),
  last_event_id: query("last_event_id", "Resume after this id (as the Last-Event-ID header)"),
});

const EVENTS_ANSWER = {
  description: "Server-Sent Events: `event: event` (with `id:`), `event: gap`, `event: dropped`, " +
    "`: heartbeat`",
  content: { "text/event-stream": { schema: z.string() } },
};

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
};

/** Mounts `/events` on the JSON API. */
export function mountEventStreamRoute(api: OpenAPIHono, hub: EventStreamHub): void {
  // Each event is encoded once, whatever the number of subscribers (the hub shares its object).
  const encoded = new WeakMap<StreamEvent, Uint8Array>();
  const encoder = new TextEncoder();
  const bytesOf = (frame: StreamFrame): Uint8Array => {
    if (frame.kind !== "event") return encoder.encode(frameText(frame));
    let bytes = encoded.get(frame.event);
    if (bytes === undefined) {
      bytes = encoder.encode(eventFrame(frame.event));
      encoded.set(frame.event, bytes);
    }
    return bytes;
  };
  const route = createRoute({
    method: "get",
    path: "/events",
    summary: "Follows the daemon's events, resumable with Last-Event-ID, filtered by type and name",
    request: { query: EventsQuery },
    responses: { 200: EVENTS_ANSWER, ...errors(400) },
  });
  api.openapi(route, (c) => {
    const filter = filterOf(c);
    if (typeof filter === "string") return jsonError(400, "BAD_REQUEST", `types: ${filter}`);
    const last = c.req.header("Last-Event-ID") ?? c.req.query("last_event_id") ?? null;
    const after = last === null || last === "" ? null : Number(last);
    if (after !== null && !Number.isSafeInteger(after)) {
      return jsonError(
        400,
        "BAD_REQUEST",
        `Last-Event-ID: not an event id: ${JSON.stringify(last)}`,
      );
    }
    const beat = Number(c.req.query("heartbeat") ?? DEFAULT_HEARTBEAT_SECONDS);
    if (!(beat > 0)) {
      return jsonError(400, "BAD_REQUEST", "heartbeat: must be a positive number of seconds");
    }
    const live = c.req.query("follow") !== "0";
    const sub = hub.subscribe({ after: live ? after : after ?? 0, filter, live });
    let timer: ReturnType<typeof setInterval> | undefined;
    const end = () => {
      clearInterval(timer);
      sub.close();
    };
    c.req.raw.signal.addEventListener("abort", end, { once: true });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(HEARTBEAT_FRAME));
          } catch {
            end(); // the body is already closed: the client left
          }
        }, beat * 1000);
      },
      async pull(controller) {
        const frame = await sub.next();
        if (frame === null) {
          end();
          controller.close();
          return;
        }
        // What queued meanwhile goes in the same chunk: one write per wake-up, not per event.
        controller.enqueue(concatBytes([frame, ...sub.drain()].map(bytesOf)));
      },
      cancel() {
        end();
      },
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  });
}

function frameText(frame: StreamFrame): string {
  switch (frame.kind) {
    case "event":
      return eventFrame(frame.event);
    case "gap":
      return gapFrame(frame.from, frame.to);
    case "dropped":
      return droppedFrame(frame.reason);
    case "heartbeat":
      return HEARTBEAT_FRAME;
  }
}

/** `?types=A,B&names=web:*,db` (also repeated parameters); an unknown type is a string error. */
function filterOf(c: Context): StreamFilter | string {
  const list = (key: string) =>
    (c.req.queries(key) ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) =>
      v !== ""
    );
  const types = list("types").map((t) => t.toUpperCase());
  const bad = types.find((t) =>
    !isEventTypeName(t) || t === "PROCESS_OUTPUT" || t === "MAIN_LOG_LINE"
  );
  if (bad !== undefined) return `unknown event type ${JSON.stringify(bad)}`;
  return { types, names: list("names") };
}
