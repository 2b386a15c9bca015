/**
 * The JSON API's log routes: read, tail, clear and follow (Server-Sent Events) a process's stdout or
 * stderr log, and the main log.
 */

import type { Context, Hono } from "hono";
import type { ControlService, LogFollow } from "../protocol/control_service.ts";
import type { Channel } from "../protocol/types.ts";
import { followResponse } from "./follow_response.ts";
import { BadRequest, guarded, intQuery, type JsonEnv, nameParam } from "./json_kit.ts";

/** Default bytes of a read (the end of the log) and of a tail, as supervisorctl's `tail`. */
export const DEFAULT_LOG_BYTES = 1600;

/** Default bytes of backlog a follow sends first (supervisor's /logtail). */
export const DEFAULT_FOLLOW_BACKLOG = 1024;

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
};

/** One SSE event carrying a chunk of log text: `data: {"text":"..."}`. */
export function sseFrame(text: string): string {
  return `data: ${JSON.stringify({ text })}\n\n`;
}

/** Mounts /processes/:name/log/..., /processes/:name/logs, /all/logs and /log/... */
export function mountLogRoutes(api: Hono, service: ControlService, env: JsonEnv): void {
  const g = (run: (c: Context) => Promise<Response>) => guarded(env, run);

  api.get(
    "/processes/:name/log/:channel",
    g(async (c) => {
      const { offset, length } = readWindow(c);
      const text = await service.readProcessLog(nameParam(c), channelOf(c), offset, length);
      return c.json({ text });
    }),
  );
  api.get(
    "/processes/:name/log/:channel/tail",
    g(async (c) => {
      const { offset, length } = tailWindow(c);
      return c.json(await service.tailProcessLog(nameParam(c), channelOf(c), offset, length));
    }),
  );
  api.get(
    "/processes/:name/log/:channel/follow",
    g(async (c) => {
      const backlog = Math.max(0, intQuery(c, "backlog", DEFAULT_FOLLOW_BACKLOG));
      const follow = await service.followProcessLog(nameParam(c), channelOf(c), backlog);
      return sse(c, follow, "");
    }),
  );
  api.delete(
    "/processes/:name/logs",
    g(async (c) => {
      await service.clearProcessLogs(nameParam(c));
      return c.json({ ok: true });
    }),
  );
  api.delete("/all/logs", g(async (c) => c.json({ results: await service.clearAllProcessLogs() })));

  api.get(
    "/log",
    g(async (c) => {
      const { offset, length } = readWindow(c);
      return c.json({ text: await service.readLog(offset, length) });
    }),
  );
  api.get(
    "/log/tail",
    g(async (c) => {
      const { offset, length } = tailWindow(c);
      return c.json(await service.tailLog(offset, length));
    }),
  );
  api.get(
    "/log/follow",
    g(async (c) => {
      const backlog = Math.max(0, intQuery(c, "backlog", DEFAULT_FOLLOW_BACKLOG));
      const first = backlog > 0 ? (await service.tailLog(0, backlog)).text : "";
      return sse(c, await service.followLog(), first);
    }),
  );
  api.delete(
    "/log",
    g(async (c) => {
      await service.clearLog();
      return c.json({ ok: true });
    }),
  );
}

function sse(c: Context, follow: LogFollow, first: string): Response {
  return followResponse(follow, {
    headers: SSE_HEADERS,
    frame: sseFrame,
    first,
    signal: c.req.raw.signal,
  });
}

function channelOf(c: Context): Channel {
  const ch = c.req.param("channel");
  if (ch === "stdout" || ch === "stderr") return ch;
  throw new BadRequest(400, "BAD_REQUEST", `channel must be stdout or stderr, not "${ch}"`);
}

/** readLog's window: by default the last 1600 bytes (offset -1600, length 0). */
function readWindow(c: Context): { offset: number; length: number } {
  return { offset: intQuery(c, "offset", -DEFAULT_LOG_BYTES), length: intQuery(c, "length", 0) };
}

/** tail's window: by default the last 1600 bytes (offset 0, length 1600). */
function tailWindow(c: Context): { offset: number; length: number } {
  return { offset: intQuery(c, "offset", 0), length: intQuery(c, "length", DEFAULT_LOG_BYTES) };
}
