/**
 * The control plane's HTTP app: the dashboard at /, XML-RPC at /RPC2, the JSON API at /api/v1,
 * /logtail and /mainlogtail, and (when the daemon supplies them) /metrics and /api/v1/health, all
 * behind HTTP Basic auth when a user is configured and a cross-site guard for anything that is not
 * a GET. Runtime-free (no Deno.*).
 */

import { type Context, Hono } from "hono";
import { VERSION } from "../core/version.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { AUTH_CHALLENGE, type BasicCredentials, checkBasicAuth } from "./basic_auth.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./body_limit.ts";
import { crossSiteRefusal } from "./cross_site_guard.ts";
import { DASHBOARD_EVENT_TYPES, mountDashboard } from "./dashboard/dashboard_routes.ts";
import type { EventStreamHub } from "../events/event_stream_hub.ts";
import { errorPage } from "./error_page.ts";
import { type JsonEnv, jsonError } from "./json_kit.ts";
import { mountLogTailRoutes } from "./log_tail_routes.ts";
import { mountRpcRoute } from "./rpc_route.ts";
import {
  mountMetricsRoute,
  mountRequestCounter,
  type Observability,
} from "./observability_routes.ts";

/** Options of createApp. */
export interface AppOptions {
  /** The control surface every route calls. */
  service: ControlService;
  /** The one user (password plain or `{SHA}<hex>`); null or absent: no auth. */
  auth?: BasicCredentials | null;
  /** The largest request body; default 2 MiB (413 beyond). */
  maxBodyBytes?: number;
  /** The event stream behind `GET /api/v1/events`; absent: no such route. */
  events?: EventStreamHub;
  /** Told about unexpected errors (answered 500); default: ignored. */
  onWarning?: (message: string) => void;
  /** /metrics, /api/v1/health and the request counter; absent: those routes 404. */
  observability?: Observability;
  /** svisor's version, reported by `GET /api/v1/state`; default core/version.ts's VERSION. */
  version?: string;
  /** When the server started, epoch seconds (the dashboard's uptime); default: when createApp runs. */
  startedAt?: number;
}

/** The prefix of the JSON API. */
export const API_PREFIX = "/api/v1";

/** Where, under API_PREFIX, the OpenAPI document of the JSON API is served. */
export const OPENAPI_PATH = "/openapi.json";

/** Builds the app; serve it with `app.fetch` (see sys/http_listener.ts) or test it with `app.request`. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const env: JsonEnv = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onWarning: options.onWarning ?? (() => {}),
    version: options.version ?? VERSION,
    startedAt: options.startedAt ?? Date.now() / 1000,
  };
  const auth = options.auth ?? null;
  if (options.observability !== undefined) mountRequestCounter(app, options.observability);
  if (auth !== null) {
    app.use("*", async (c, next) => {
      if (await checkBasicAuth(c.req.header("Authorization") ?? null, auth)) return await next();
      // The answer is 401 either way: a body that fails to cancel has nothing left to free.
      await c.req.raw.body?.cancel().catch(() => {});
      const headers = { "WWW-Authenticate": AUTH_CHALLENGE };
      if (isApiPath(c.req.path)) {
        const r = jsonError(401, "UNAUTHORIZED", "authentication required");
        r.headers.set("WWW-Authenticate", AUTH_CHALLENGE);
        return r;
      }
      return errorPage(401, headers);
    });
  }
  app.use("*", async (c, next) => {
    const refusal = crossSiteRefusal({
      method: c.req.method,
      host: c.req.header("Host") ?? new URL(c.req.url).host,
      secFetchSite: c.req.header("Sec-Fetch-Site") ?? null,
      origin: c.req.header("Origin") ?? null,
    });
    if (refusal === null) return await next();
    await c.req.raw.body?.cancel().catch(() => {}); // the body is refused unread; nothing to keep
    return isApiPath(c.req.path) ? jsonError(403, "FORBIDDEN", refusal) : errorPage(403);
  });
  mountDashboard(app, options.service, {
    api: API_PREFIX,
    version: env.version,
    startedAt: env.startedAt,
    eventTypes: DASHBOARD_EVENT_TYPES,
  });
  if (options.observability !== undefined) mountMetricsRoute(app, options.observability);
  mountRpcRoute(app, { service: options.service, ...env });
  mountLogTailRoutes(app, options.service, env.onWarning);
  // The JSON API is built on its first request (json_api.ts says why); every request under the
  // prefix is handed to it whole, after this app's counter, auth and cross-site guard.
  let jsonApi: Promise<Hono> | null = null;
  const toJsonApi = async (c: Context) => {
    jsonApi ??= import("./json_api.ts").then((m) =>
      m.createJsonApi(API_PREFIX, OPENAPI_PATH, {
        service: options.service,
        env,
        events: options.events,
        health: options.observability?.health,
      })
    );
    return await (await jsonApi).fetch(c.req.raw, c.env);
  };
  app.all(API_PREFIX, toJsonApi);
  app.all(`${API_PREFIX}/*`, toJsonApi);
  app.notFound((c) =>
    isApiPath(c.req.path)
      ? jsonError(404, "NOT_FOUND", `no route ${c.req.method} ${c.req.path}`)
      : errorPage(404)
  );
  app.onError((e, c) => {
    env.onWarning(`${c.req.method} ${c.req.path}: ${e instanceof Error ? e.message : String(e)}`);
    return isApiPath(c.req.path) ? jsonError(500, "INTERNAL", "internal error") : errorPage(500);
  });
  return app;
}

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}
