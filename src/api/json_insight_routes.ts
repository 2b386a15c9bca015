/** svisor's own JSON routes that explain: `GET /processes/{name}/why`, `.../dependencies` and `GET /update/preview` (update --dry-run). */

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

const OptionChangeSchema = z.object({
  process: z.string(),
  option: z.string(),
  old: z.string(),
  new: z.string(),
});

/** `update --dry-run`'s answer. */
export const UpdatePreviewSchema = z.object({
  groups: z.array(z.object({
    group: z.string(),
    change: z.enum(["added", "removed", "changed"]),
    options: z.array(OptionChangeSchema),
    stops: z.array(z.string()),
    starts: z.array(z.string()),
  })),
  problems: z.array(z.object({ group: z.string(), message: z.string() })),
}).openapi("UpdatePreview");

/** A process's dependency facts. */
export const DependencyReportSchema = z.object({
  startedFirst: z.array(z.string()),
  dependants: z.array(z.string()),
}).openapi("DependencyReport");

/** Mounts the routes on the API router. */
export function mountInsightRoutes(api: OpenAPIHono, service: ControlService): void {
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
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}/dependencies",
      summary: "What the last start started first, and who depends on the process (stop order)",
      request: { params: NameParam },
      responses: {
        200: jsonContent(DependencyReportSchema, "The dependency facts"),
        ...errors(404, 503),
      },
    }),
    async (c) => {
      if (service.dependencies === undefined) {
        throw new SvisorError("UNKNOWN_METHOD", "dependencies");
      }
      return c.json(await service.dependencies(c.req.valid("param").name), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/update/preview",
      summary: "What update would do (update --dry-run): groups, changed options, stops, starts",
      request: {
        query: z.object({
          groups: z.string().optional().openapi({
            description: "Comma-separated groups (default all)",
          }),
        }),
      },
      responses: {
        200: jsonContent(UpdatePreviewSchema, "The preview; nothing was changed"),
        ...errors(422, 503),
      },
    }),
    async (c) => {
      if (service.previewUpdate === undefined) {
        throw new SvisorError("UNKNOWN_METHOD", "previewUpdate");
      }
      const text = c.req.valid("query").groups;
      const only = text === undefined || text === "" ? null : text.split(",").filter(Boolean);
      return c.json(await service.previewUpdate(only), 200);
    },
  );
}
