/**
 * The JSON API at /api/v1 (an OpenAPIHono app and its route schemas), built on the first request
 * under that prefix: zod and the schemas cost a daemon about 15 MiB, which one that is only ever
 * driven over /RPC2 never pays. create_app.ts imports this module dynamically.
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { EventStreamHub } from "../events/event_stream_hub.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { mountEventStreamRoute } from "./event_stream_route.ts";
import { mountAdminRoutes } from "./json_admin_routes.ts";
import { mountHealthRoute } from "./json_health_route.ts";
import { mountInsightRoutes } from "./json_insight_routes.ts";
import { errorResponse, jsonBodies, type JsonEnv, jsonError, validationError } from "./json_kit.ts";
import { mountLogRoutes } from "./json_log_routes.ts";
import { mountProcessRoutes } from "./json_process_routes.ts";
import type { HealthReport } from "../protocol/health.ts";

/** What the JSON API needs from createApp. */
export interface JsonApiOptions {
  /** The control surface every route calls. */
  service: ControlService;
  /** Body limit, warnings, version and start time, as createApp resolved them. */
  env: JsonEnv;
  /** The event stream behind `GET /api/v1/events`; absent: no such route. */
  events?: EventStreamHub | undefined;
  /** The health report behind `GET /api/v1/health`; absent: that route 404s. */
  health?: (() => HealthReport) | undefined;
}

/**
 * The JSON API mounted at `prefix` in an app of its own, whose unmatched paths and uncaught errors
 * answer as createApp's do for API paths (the caller hands it every request under `prefix`).
 */
export function createJsonApi(prefix: string, openapiPath: string, options: JsonApiOptions): Hono {
  const { service, env } = options;
  const api = new OpenAPIHono({
    defaultHook: (result) => result.success ? undefined : validationError(result),
  });
  api.onError((e, c) => errorResponse(e, env, `${c.req.method} ${c.req.path}`));
  api.use("*", jsonBodies(env));
  mountAdminRoutes(api, service, env.version, env.startedAt);
  mountProcessRoutes(api, service);
  mountInsightRoutes(api, service);
  mountLogRoutes(api, service);
  if (options.events !== undefined) mountEventStreamRoute(api, options.events);
  mountHealthRoute(api, service, options.health);
  api.doc(openapiPath, {
    openapi: "3.0.3",
    info: {
      title: "svisor JSON API",
      version: env.version,
      description: "Control of svisor's daemon; the same service as supervisor's XML-RPC at /RPC2.",
    },
    servers: [{ url: prefix }],
  });
  const app = new Hono();
  app.route(prefix, api);
  app.notFound((c) => jsonError(404, "NOT_FOUND", `no route ${c.req.method} ${c.req.path}`));
  app.onError((e, c) => {
    env.onWarning(`${c.req.method} ${c.req.path}: ${e instanceof Error ? e.message : String(e)}`);
    return jsonError(500, "INTERNAL", "internal error");
  });
  return app;
}
