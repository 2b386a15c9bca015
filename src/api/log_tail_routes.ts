/**
 * supervisor's streaming log endpoints, read by supervisorctl `tail -f`, `maintail -f` and `fg`:
 * `/logtail/<namespec>[/stdout|/stderr]` and `/mainlogtail`. The last 1024 bytes, then live output.
 */

import type { Hono } from "hono";
import { SvisorError } from "../core/errors.ts";
import type { ControlService } from "../protocol/control_service.ts";
import type { Channel } from "../protocol/types.ts";
import { errorPage } from "./error_page.ts";
import { followResponse } from "./follow_response.ts";
import { FOLLOW_BACKLOG_BYTES } from "../protocol/log_windows.ts";

/** How many bytes of existing log /logtail sends first (supervisor's value). */
export const LOGTAIL_BACKLOG = FOLLOW_BACKLOG_BYTES;

const HEADERS = {
  "Content-Type": "text/plain;charset=utf-8",
  "X-Accel-Buffering": "no",
  "Cache-Control": "no-cache",
};

/** Mounts /logtail and /mainlogtail; GET only (else 400), 404 for an unknown name or no log file. */
export function mountLogTailRoutes(
  app: Hono,
  service: ControlService,
  onWarning: (message: string) => void,
): void {
  const guard = async (run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof SvisorError && ["BAD_NAME", "NO_FILE"].includes(e.code)) {
        return errorPage(404);
      }
      if (e instanceof SvisorError) return errorPage(400);
      onWarning(`log tail: ${e instanceof Error ? e.message : String(e)}`);
      return errorPage(500);
    }
  };
  app.all("/logtail/*", (c) => {
    const request = c.req.raw;
    if (request.method !== "GET") return errorPage(400);
    const target = parseLogtailPath(new URL(request.url).pathname);
    if (target === null) return errorPage(404);
    return guard(async () => {
      const follow = await service.followProcessLog(target.name, target.channel, LOGTAIL_BACKLOG);
      return followResponse(follow, { headers: HEADERS, frame: (t) => t, signal: request.signal });
    });
  });
  app.all("/mainlogtail", (c) => {
    const request = c.req.raw;
    if (request.method !== "GET") return errorPage(400);
    return guard(async () => {
      const backlog = await service.tailLog(0, LOGTAIL_BACKLOG);
      const follow = await service.followLog();
      return followResponse(follow, {
        headers: HEADERS,
        frame: (t) => t,
        first: backlog.text,
        signal: request.signal,
      });
    });
  });
}

/**
 * The namespec and channel of a /logtail path (percent-decoded), or null when it names none.
 *
 * @example
 * ```ts
 * import { parseLogtailPath } from "./log_tail_routes.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseLogtailPath("/logtail/web:web_0/stderr"), { name: "web:web_0", channel: "stderr" });
 * assert.deepEqual(parseLogtailPath("/logtail/cat"), { name: "cat", channel: "stdout" });
 * assert.equal(parseLogtailPath("/logtail/cat/other"), null);
 * ```
 */
export function parseLogtailPath(pathname: string): { name: string; channel: Channel } | null {
  const rest = pathname.slice("/logtail/".length);
  const parts = rest.split("/");
  if (parts.length > 2 || parts[0] === undefined || parts[0] === "") return null;
  const channel = parts[1] ?? "stdout";
  if (channel !== "stdout" && channel !== "stderr") return null;
  let name: string;
  try {
    name = decodeURIComponent(parts[0]);
  } catch {
    return null;
  }
  return { name, channel };
}
