/**
 * The JSON API's process, group and `all` routes: info, start, stop, restart, signal, stdin. One
 * process answers `{"process": info}` after the action; groups and `all` answer result arrays.
 */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { restartProcesses, type RestartTarget } from "../engine/restart_processes.ts";
import type { ControlService, WaitOptions } from "../protocol/control_service.ts";
import { groupOfNamespec } from "../protocol/namespec.ts";
import type { ProcessResult } from "../protocol/types.ts";
import {
  NameParam,
  OkSchema,
  ProcessAnswer,
  ProcessInfoSchema,
  ResultsAnswer,
  SignalBody,
  StdinBody,
  waitOf,
  WaitQuery,
} from "./json_schemas.ts";
import { errors, jsonBody, jsonContent } from "./json_routes_kit.ts";

/** A target of an action: one process, one group, or every process. */
type Target = RestartTarget;

const ProcessOrResults = z.union([ProcessAnswer, ResultsAnswer]);
const RestartAnswer = z.union([
  ProcessAnswer,
  z.object({ stopped: ResultsAnswer.shape.results, started: ResultsAnswer.shape.results }),
]);

/** Mounts /processes, /groups/{name}/<action> and /all/<action> on the API router. */
export function mountProcessRoutes(api: OpenAPIHono, service: ControlService): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes",
      summary: "Every process's info, sorted by group then name",
      responses: {
        200: jsonContent(z.object({ processes: z.array(ProcessInfoSchema) }), "The processes"),
        ...errors(503),
      },
    }),
    async (c) => c.json({ processes: await service.getAllProcessInfo() }, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/processes/{name}",
      summary: "One process's info",
      request: { params: NameParam },
      responses: { 200: jsonContent(ProcessAnswer, "The process"), ...errors(404, 503) },
    }),
    async (c) => c.json({ process: await service.getProcessInfo(c.req.valid("param").name) }, 200),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/processes/{name}/stdin",
      summary: "Writes `chars` to the process's stdin",
      request: { params: NameParam, body: jsonBody(StdinBody) },
      responses: { 200: jsonContent(OkSchema, "Written"), ...errors(400, 404, 409, 413, 503) },
    }),
    async (c) => {
      await service.sendProcessStdin(c.req.valid("param").name, c.req.valid("json").chars);
      return c.json({ ok: true as const }, 200);
    },
  );

  const targets = [
    ["/processes/{name}", "a process (or a `group:*` namespec)", (name: string): Target => {
      const group = groupOfNamespec(name);
      return group === null ? { kind: "process", name } : { kind: "group", name: group };
    }],
    ["/groups/{name}", "every process of a group", (name: string): Target => ({
      kind: "group",
      name,
    })],
    ["/all", "every process", (): Target => ({ kind: "all" })],
  ] as const;

  for (const [prefix, what, targetOf] of targets) {
    const params = prefix === "/all" ? {} : { params: NameParam };
    const target = (c: { req: { param(key: string): string | undefined } }) =>
      targetOf(c.req.param("name") ?? "");
    api.openapi(
      createRoute({
        method: "post",
        path: `${prefix}/start`,
        summary: `Starts ${what}; waits for RUNNING unless ?wait=false`,
        request: { ...params, query: WaitQuery },
        responses: {
          200: jsonContent(ProcessOrResults, "The process, or one result per process"),
          ...errors(400, 404, 409, 500, 503),
        },
      }),
      async (c) => c.json(await start(target(c), waitOptions(c)), 200),
    );
    api.openapi(
      createRoute({
        method: "post",
        path: `${prefix}/stop`,
        summary: `Stops ${what}; waits until stopped unless ?wait=false`,
        request: { ...params, query: WaitQuery },
        responses: {
          200: jsonContent(ProcessOrResults, "The process, or one result per process"),
          ...errors(400, 404, 409, 500, 503),
        },
      }),
      async (c) => c.json(await stop(target(c), waitOptions(c)), 200),
    );
    api.openapi(
      createRoute({
        method: "post",
        path: `${prefix}/restart`,
        summary: `Restarts ${what} as supervisorctl does: stop (not running is fine), then start`,
        request: { ...params, query: WaitQuery },
        responses: {
          200: jsonContent(RestartAnswer, "The process, or the stop and start results"),
          ...errors(400, 404, 409, 500, 503),
        },
      }),
      async (c) => c.json(await restartProcesses(service, target(c), waitOptions(c)), 200),
    );
    api.openapi(
      createRoute({
        method: "post",
        path: `${prefix}/signal`,
        summary: `Sends a signal (name or number) to ${what}`,
        request: { ...params, body: jsonBody(SignalBody) },
        responses: {
          200: jsonContent(ProcessOrResults, "The process, or one result per process"),
          ...errors(400, 404, 409, 413, 503),
        },
      }),
      async (c) => {
        const t = target(c);
        const { signal } = c.req.valid("json");
        if (t.kind === "process") {
          return c.json({ process: await service.signalProcess(t.name, signal) }, 200);
        }
        return c.json({
          results: t.kind === "group"
            ? await service.signalProcessGroup(t.name, signal)
            : await service.signalAllProcesses(signal),
        }, 200);
      },
    );
  }

  function waitOptions(
    c: { req: { query(key: string): string | undefined; raw: Request } },
  ): WaitOptions {
    return { wait: waitOf(c.req.query("wait")), signal: c.req.raw.signal };
  }

  async function start(t: Target, w: WaitOptions) {
    if (t.kind === "process") return { process: await service.startProcess(t.name, w) };
    return { results: await startMany(t, w) };
  }

  async function stop(t: Target, w: WaitOptions) {
    if (t.kind === "process") return { process: await service.stopProcess(t.name, w) };
    return { results: await stopMany(t, w) };
  }

  function startMany(t: Target, w: WaitOptions): Promise<ProcessResult[]> {
    return t.kind === "group" ? service.startProcessGroup(t.name, w) : service.startAllProcesses(w);
  }

  function stopMany(t: Target, w: WaitOptions): Promise<ProcessResult[]> {
    return t.kind === "group" ? service.stopProcessGroup(t.name, w) : service.stopAllProcesses(w);
  }
}
