/**
 * `GET /metrics` (Prometheus text) and `GET /api/v1/health` (200 or 503 with a JSON reason), plus
 * the request counter behind `svisor_http_requests_total`. The daemon supplies the values; these
 * routes only encode them. Both sit behind the app's auth like every other route.
 */

import type { Hono } from "hono";
import type { HealthReport } from "../protocol/health.ts";

/** What the observability routes need from the daemon. */
export interface Observability {
  /** The metrics text and its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** The health report now. */
  health(): HealthReport;
  /** Counts one answered request. */
  observeRequest(route: string, method: string, status: number): void;
}

/**
 * The route label of a path, from a fixed set (so the counter's label values stay bounded).
 *
 * @example
 * ```ts
 * import { routeLabel } from "./observability_routes.ts";
 * import assert from "node:assert/strict";
 * assert.equal(routeLabel("/api/v1/processes/web/start"), "/api/v1/processes");
 * assert.equal(routeLabel("/logtail/web/stderr"), "/logtail");
 * assert.equal(routeLabel("/etc/passwd"), "other");
 * ```
 */
export function routeLabel(path: string): string {
  const api = path.match(/^\/api\/v1\/([A-Za-z0-9_-]+)/);
  if (api !== null) return `/api/v1/${api[1]}`;
  for (const p of ["/RPC2", "/metrics", "/logtail", "/mainlogtail"]) {
    if (path === p || path.startsWith(`${p}/`)) return p;
  }
  return path === "/" ? "/" : "other";
}

/** Counts every request (mount first, before the routes). */
export function mountRequestCounter(app: Hono, o: Observability): void {
  app.use("*", async (c, next) => {
    await next();
    o.observeRequest(routeLabel(c.req.path), c.req.method, c.res.status);
  });
}

/** Mounts /metrics and /api/v1/health. */
export function mountObservabilityRoutes(app: Hono, o: Observability): void {
  app.get("/metrics", async () => {
    const { contentType, body } = await o.metrics();
    return new Response(body, { headers: { "Content-Type": contentType } });
  });
  app.get("/api/v1/health", () => {
    const report = o.health();
    return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
  });
}
