/** The JSON API's daemon routes: state, config (reread, avail, update, add and remove groups), events, reload, shutdown. */

import type { Context, Hono } from "hono";
import type { ControlService } from "../protocol/control_service.ts";
import {
  BadRequest,
  guarded,
  type JsonEnv,
  nameParam,
  readJsonObject,
  stringField,
} from "./json_kit.ts";

/** Mounts /state, /reread, /avail, /update, /groups/:name, /events, /reload and /shutdown. */
export function mountAdminRoutes(api: Hono, service: ControlService, env: JsonEnv): void {
  const g = (run: (c: Context) => Promise<Response>) => guarded(env, run);

  api.get(
    "/state",
    g(async (c) => {
      return c.json({
        state: await service.getState(),
        pid: await service.getPID(),
        identification: await service.getIdentification(),
        apiVersion: await service.getAPIVersion(),
        supervisorVersion: await service.getSupervisorVersion(),
        svisorVersion: env.version,
      });
    }),
  );
  api.post("/reread", g(async (c) => c.json(await service.reloadConfig())));
  api.get("/avail", g(async (c) => c.json({ configs: await service.getAllConfigInfo() })));
  api.post(
    "/update",
    g(async (c) => {
      const body = await readJsonObject(c, env);
      const groups = Object.hasOwn(body, "groups") ? body["groups"] : undefined;
      if (
        groups !== undefined &&
        !(Array.isArray(groups) && groups.every((x) => typeof x === "string"))
      ) {
        throw new BadRequest(400, "BAD_REQUEST", 'body field "groups" must be an array of strings');
      }
      return c.json(await service.update(groups ?? null));
    }),
  );
  api.post(
    "/groups/:name",
    g(async (c) => {
      await service.addProcessGroup(nameParam(c));
      return c.json({ ok: true }, 201);
    }),
  );
  api.delete(
    "/groups/:name",
    g(async (c) => {
      await service.removeProcessGroup(nameParam(c));
      return c.json({ ok: true });
    }),
  );
  api.post(
    "/events",
    g(async (c) => {
      const body = await readJsonObject(c, env);
      await service.sendRemoteCommEvent(stringField(body, "type"), stringField(body, "data"));
      return c.json({ ok: true });
    }),
  );
  api.post(
    "/reload",
    g(async (c) => {
      await service.restart();
      return c.json({ ok: true }, 202);
    }),
  );
  api.post(
    "/shutdown",
    g(async (c) => {
      await service.shutdown();
      return c.json({ ok: true }, 202);
    }),
  );
}
