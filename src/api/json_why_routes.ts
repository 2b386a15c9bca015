/** svisor's own JSON routes for issue 16: `GET /processes/{name}/why` (the `why` explanation). */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { SvisorError } from "../core/errors.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { PROCESS_STATES } from "../protocol/states.ts";
import { NameParam } from "./json_schemas.ts";
import { errors, jsonContent } from "./json_routes_kit.ts";

const stateNames = Object.keys(PROCESS_STATES) as [keyof typeof PROCESS_STATES];

/** `why NAME`'s answer. */
export const ExplanationSchema = z.object({
  namespec: z.string(),
  statename: z.enum(stateNames),
  readiness: z.string(),
  lines: z.array(z.string()),
}).openapi("Explanation");

/** Mounts the routes on the API router. */
export function mountWhyRoutes(api: OpenAPIHono, service: ControlService): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}/why",
      summary: "Why a process is in its state: waits, probes, backoff, exits, last request",
      request: { params: NameParam },
      responses: {
        200: jsonContent(z.object({ explanation: ExplanationSchema }), "The explanation"),
        ...errors(404, 503),
      },
    }),
    async (c) => {
      if (service.explainProcess === undefined) {
        throw new SvisorError("UNKNOWN_METHOD", "explainProcess");
      }
      const explanation = await service.explainProcess(c.req.valid("param").name);
      return c.json({ explanation }, 200);
    },
  );
}
