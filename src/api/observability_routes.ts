/**
 * `GET /metrics` (Prometheus text) and the request counter behind `svisor_http_requests_total`;
 * also what `GET /api/v1/health` reports. The daemon supplies the values; the routes only encode
 * them, behind the app's auth like every other route.
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

/** Mounts /metrics (/api/v1/health is a JSON API route: json_health_route.ts). */
export function mountMetricsRoute(app: Hono, o: Observability): void {
  app.get("/metrics", async () => {
    const { contentType, body } = await o.metrics();
    return new Response(body, { headers: { "Content-Type": contentType } });
  });
}
