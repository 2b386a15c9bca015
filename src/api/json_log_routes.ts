/**
 * The JSON API's log routes: read, tail, clear and follow (Server-Sent Events) a process's stdout or
 * stderr log, and the main log.
 */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ControlService, LogFollow } from "../protocol/control_service.ts";
import { FOLLOW_BACKLOG_BYTES, TAIL_BYTES } from "../protocol/log_windows.ts";
import { followResponse } from "./follow_response.ts";
import {
  BacklogQuery,
  ChannelParams,
  intOf,
  NameParam,
  OkSchema,
  ResultsAnswer,
  TailSchema,
  TextSchema,
  WindowQuery,
} from "./json_schemas.ts";
import { errors, jsonContent } from "./json_routes_kit.ts";

/** Default bytes of a read (the end of the log) and of a tail, as supervisorctl's `tail`. */
export const DEFAULT_LOG_BYTES = TAIL_BYTES;

/** Default bytes of backlog a follow sends first (supervisor's /logtail). */
export const DEFAULT_FOLLOW_BACKLOG = FOLLOW_BACKLOG_BYTES;

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
};

const SSE_ANSWER = {
  description: 'Server-Sent Events, one a chunk: `data: {"text":"..."}`',
  content: { "text/event-stream": { schema: z.string() } },
};

/** One SSE event carrying a chunk of log text: `data: {"text":"..."}`. */
export function sseFrame(text: string): string {
  return `data: ${JSON.stringify({ text })}\n\n`;
}

/** Mounts /processes/{name}/log/..., /processes/{name}/logs, /all/logs and /log/... */
export function mountLogRoutes(api: OpenAPIHono, service: ControlService): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}/log/{channel}",
      summary: "Reads a process log by supervisor's offset rules (default: the last 1600 bytes)",
      request: { params: ChannelParams, query: WindowQuery },
      responses: { 200: jsonContent(TextSchema, "The text"), ...errors(400, 404, 503) },
    }),
    async (c) => {
      const { name, channel } = c.req.valid("param");
      const w = readWindow(c.req.valid("query"));
      return c.json({ text: await service.readProcessLog(name, channel, w.offset, w.length) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}/log/{channel}/tail",
      summary: "Tails a process log (default: the last 1600 bytes)",
      request: { params: ChannelParams, query: WindowQuery },
      responses: { 200: jsonContent(TailSchema, "The tail"), ...errors(400, 404, 503) },
    }),
    async (c) => {
      const { name, channel } = c.req.valid("param");
      const w = tailWindow(c.req.valid("query"));
      return c.json(await service.tailProcessLog(name, channel, w.offset, w.length), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}/log/{channel}/follow",
      summary: "Follows a process log from its last `backlog` bytes (default 1024)",
      request: { params: ChannelParams, query: BacklogQuery },
      responses: { 200: SSE_ANSWER, ...errors(400, 404, 503) },
    }),
    async (c) => {
      const { name, channel } = c.req.valid("param");
      const backlog = Math.max(0, intOf(c.req.valid("query").backlog, DEFAULT_FOLLOW_BACKLOG));
      return sse(c.req.raw.signal, await service.followProcessLog(name, channel, backlog), "");
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/processes/{name}/logs",
      summary: "Clears both logs of a process",
      request: { params: NameParam },
      responses: { 200: jsonContent(OkSchema, "Cleared"), ...errors(404, 500, 503) },
    }),
    async (c) => {
      await service.clearProcessLogs(c.req.valid("param").name);
      return c.json({ ok: true as const }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/all/logs",
      summary: "Clears every process's logs",
      responses: { 200: jsonContent(ResultsAnswer, "One result per process"), ...errors(503) },
    }),
    async (c) => c.json({ results: await service.clearAllProcessLogs() }, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/log",
      summary: "Reads the main log by supervisor's offset rules (default: the last 1600 bytes)",
      request: { query: WindowQuery },
      responses: { 200: jsonContent(TextSchema, "The text"), ...errors(400, 404, 503) },
    }),
    async (c) => {
      const w = readWindow(c.req.valid("query"));
      return c.json({ text: await service.readLog(w.offset, w.length) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/log/tail",
      summary: "Tails the main log (default: the last 1600 bytes)",
      request: { query: WindowQuery },
      responses: { 200: jsonContent(TailSchema, "The tail"), ...errors(400, 404, 503) },
    }),
    async (c) => {
      const w = tailWindow(c.req.valid("query"));
      return c.json(await service.tailLog(w.offset, w.length), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/log/follow",
      summary: "Follows the main log from its last `backlog` bytes (default 1024)",
      request: { query: BacklogQuery },
      responses: { 200: SSE_ANSWER, ...errors(400, 404, 503) },
    }),
    async (c) => {
      const backlog = Math.max(0, intOf(c.req.valid("query").backlog, DEFAULT_FOLLOW_BACKLOG));
      const first = backlog > 0 ? (await service.tailLog(0, backlog)).text : "";
      return sse(c.req.raw.signal, await service.followLog(), first);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/log",
      summary: "Clears the main log",
      responses: { 200: jsonContent(OkSchema, "Cleared"), ...errors(404, 500, 503) },
    }),
    async (c) => {
      await service.clearLog();
      return c.json({ ok: true as const }, 200);
    },
  );
}

function sse(signal: AbortSignal, follow: LogFollow, first: string): Response {
  return followResponse(follow, { headers: SSE_HEADERS, frame: sseFrame, first, signal });
}

type Window = { offset?: string | undefined; length?: string | undefined };

/** readLog's window: by default the last 1600 bytes (offset -1600, length 0). */
function readWindow(q: Window): { offset: number; length: number } {
  return { offset: intOf(q.offset, -DEFAULT_LOG_BYTES), length: intOf(q.length, 0) };
}

/** tail's window: by default the last 1600 bytes (offset 0, length 1600). */
function tailWindow(q: Window): { offset: number; length: number } {
  return { offset: intOf(q.offset, 0), length: intOf(q.length, DEFAULT_LOG_BYTES) };
}
