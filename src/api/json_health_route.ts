/**
 * `GET /api/v1/health`, for load balancers and Kubernetes probes: 200 when the daemon is RUNNING
 * and every vital process is RUNNING, 503 with the reason otherwise. The daemon supplies the report
 * (it knows which programs are vital); without one, only the daemon's state counts.
 */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type HealthReport, healthReport } from "../protocol/health.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { DAEMON_STATES, PROCESS_STATES } from "../protocol/states.ts";
import { jsonContent } from "./json_routes_kit.ts";

const HealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  daemon: z.enum(Object.keys(DAEMON_STATES) as [keyof typeof DAEMON_STATES]),
  reason: z.string().optional(),
  failing: z.array(z.object({
    name: z.string(),
    group: z.string(),
    state: z.enum(Object.keys(PROCESS_STATES) as [keyof typeof PROCESS_STATES]),
  })),
}).openapi("Health");

/** Mounts /health; `report` gives the daemon's report, else the service's state is used. */
export function mountHealthRoute(
  api: OpenAPIHono,
  service: ControlService,
  report?: () => HealthReport,
): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/health",
      summary: "200 when the daemon runs and every vital process is RUNNING; 503 with the reason",
      responses: {
        200: jsonContent(HealthSchema, "Healthy"),
        503: jsonContent(HealthSchema, "Unavailable: the reason and the failing vital processes"),
      },
    }),
    async (c) => {
      const r = report?.() ??
        healthReport(await service.getState().catch(() => "SHUTDOWN" as const), []);
      return r.status === "ok" ? c.json(r, 200) : c.json(r, 503);
    },
  );
}
