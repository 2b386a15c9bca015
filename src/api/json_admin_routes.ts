/** The JSON API's daemon routes: state, config (reread, avail, update, add and remove groups), events, reload, shutdown. */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ControlService } from "../protocol/control_service.ts";
import {
  ConfigInfoSchema,
  DiffSchema,
  EventBody,
  NameParam,
  OkSchema,
  StateSchema,
  UpdateBody,
  UpdateReportSchema,
} from "./json_schemas.ts";
import { errors, jsonBody, jsonContent } from "./json_routes_kit.ts";

/** Mounts /state, /reread, /avail, /update, /groups/{name}, /events, /reload and /shutdown. */
export function mountAdminRoutes(api: OpenAPIHono, service: ControlService, version: string): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/state",
      summary: "The daemon's state, pid, identification and versions",
      responses: { 200: jsonContent(StateSchema, "The daemon"), ...errors(503) },
    }),
    async (c) =>
      c.json({
        state: await service.getState(),
        pid: await service.getPID(),
        identification: await service.getIdentification(),
        apiVersion: await service.getAPIVersion(),
        supervisorVersion: await service.getSupervisorVersion(),
        svisorVersion: version,
      }, 200),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/reread",
      summary:
        "Re-reads the config and names the groups added, changed and removed; applies nothing",
      responses: { 200: jsonContent(DiffSchema, "The diff"), ...errors(422, 503) },
    }),
    async (c) => c.json(await service.reloadConfig(), 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/avail",
      summary: "Every configured process (supervisor's getAllConfigInfo), sorted by name",
      responses: {
        200: jsonContent(z.object({ configs: z.array(ConfigInfoSchema) }), "The configs"),
        ...errors(503),
      },
    }),
    async (c) => c.json({ configs: await service.getAllConfigInfo() }, 200),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/update",
      summary: "supervisorctl's update: re-read, then remove, replace and add groups",
      request: { body: jsonBody(UpdateBody) },
      responses: {
        200: jsonContent(UpdateReportSchema, "What was done"),
        ...errors(400, 413, 422, 503),
      },
    }),
    async (c) => c.json(await service.update(c.req.valid("json").groups ?? null), 200),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/groups/{name}",
      summary: "Adds a group from the re-read config",
      request: { params: NameParam },
      responses: { 201: jsonContent(OkSchema, "Added"), ...errors(404, 409, 503) },
    }),
    async (c) => {
      await service.addProcessGroup(c.req.valid("param").name);
      return c.json({ ok: true as const }, 201);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/groups/{name}",
      summary: "Removes a stopped group",
      request: { params: NameParam },
      responses: { 200: jsonContent(OkSchema, "Removed"), ...errors(404, 409, 503) },
    }),
    async (c) => {
      await service.removeProcessGroup(c.req.valid("param").name);
      return c.json({ ok: true as const }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/events",
      summary: "Emits a REMOTE_COMMUNICATION event",
      request: { body: jsonBody(EventBody) },
      responses: { 200: jsonContent(OkSchema, "Emitted"), ...errors(400, 413) },
    }),
    async (c) => {
      const { type, data } = c.req.valid("json");
      await service.sendRemoteCommEvent(type, data);
      return c.json({ ok: true as const }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/reload",
      summary: "Stops everything, re-reads the config, starts again",
      responses: { 202: jsonContent(OkSchema, "Restarting"), ...errors(503) },
    }),
    async (c) => {
      await service.restart();
      return c.json({ ok: true as const }, 202);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/shutdown",
      summary: "Stops everything and exits",
      responses: { 202: jsonContent(OkSchema, "Shutting down"), ...errors(503) },
    }),
    async (c) => {
      await service.shutdown();
      return c.json({ ok: true as const }, 202);
    },
  );
}
