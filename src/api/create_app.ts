/**
 * The control plane's HTTP app: XML-RPC at /RPC2, the JSON API at /api/v1, /logtail and
 * /mainlogtail, all behind HTTP Basic auth when a user is configured. Runtime-free (no Deno.*).
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { VERSION } from "../core/version.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { AUTH_CHALLENGE, type BasicCredentials, checkBasicAuth } from "./basic_auth.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./body_limit.ts";
import { errorPage } from "./error_page.ts";
import { mountAdminRoutes } from "./json_admin_routes.ts";
import { errorResponse, jsonBodies, type JsonEnv, jsonError, validationError } from "./json_kit.ts";
import { mountLogRoutes } from "./json_log_routes.ts";
import { mountProcessRoutes } from "./json_process_routes.ts";
import { mountInsightRoutes } from "./json_insight_routes.ts";
import { mountLogTailRoutes } from "./log_tail_routes.ts";
import { mountRpcRoute } from "./rpc_route.ts";

/** Options of createApp. */
export interface AppOptions {
  /** The control surface every route calls. */
  service: ControlService;
  /** The one user (password plain or `{SHA}<hex>`); null or absent: no auth. */
  auth?: BasicCredentials | null;
  /** The largest request body; default 2 MiB (413 beyond). */
  maxBodyBytes?: number;
  /** Told about unexpected errors (answered 500); default: ignored. */
  onWarning?: (message: string) => void;
  /** svisor's version, reported by `GET /api/v1/state`; default core/version.ts's VERSION. */
  version?: string;
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
  };
  const auth = options.auth ?? null;
  if (auth !== null) {
    app.use("*", async (c, next) => {
      if (checkBasicAuth(c.req.header("Authorization") ?? null, auth)) return await next();
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
  mountRpcRoute(app, { service: options.service, ...env });
  mountLogTailRoutes(app, options.service, env.onWarning);
  const api = new OpenAPIHono({
    defaultHook: (result) => result.success ? undefined : validationError(result),
  });
  api.onError((e, c) => errorResponse(e, env, `${c.req.method} ${c.req.path}`));
  api.use("*", jsonBodies(env));
  mountAdminRoutes(api, options.service, env.version);
  mountProcessRoutes(api, options.service);
  mountInsightRoutes(api, options.service);
  mountLogRoutes(api, options.service);
  api.doc(OPENAPI_PATH, {
    openapi: "3.0.3",
    info: {
      title: "svisor JSON API",
      version: env.version,
      description: "Control of svisor's daemon; the same service as supervisor's XML-RPC at /RPC2.",
    },
    servers: [{ url: API_PREFIX }],
  });
  app.route(API_PREFIX, api);
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
