/**
 * The JSON API's process, group and `all` routes: info, start, stop, restart, signal, stdin. One
 * process answers `{"process": info}` after the action; groups and `all` answer result arrays.
 */

import type { Context, Hono } from "hono";
import type { ControlService, WaitOptions } from "../protocol/control_service.ts";
import { groupOfNamespec } from "../protocol/namespec.ts";
import type { ProcessResult } from "../protocol/types.ts";
import {
  guarded,
  isFault,
  type JsonEnv,
  nameParam,
  readJsonObject,
  stringField,
  waitQuery,
} from "./json_kit.ts";

/** A target of an action: one process, one group, or every process. */
type Target = { kind: "process"; name: string } | { kind: "group"; name: string } | {
  kind: "all";
};

/** Mounts /processes, /groups/:name/<action> and /all/<action> on the API router. */
export function mountProcessRoutes(api: Hono, service: ControlService, env: JsonEnv): void {
  const g = (run: (c: Context) => Promise<Response>) => guarded(env, run);

  api.get(
    "/processes",
    g(async (c) => c.json({ processes: await service.getAllProcessInfo() })),
  );
  api.get(
    "/processes/:name",
    g(async (c) => c.json({ process: await service.getProcessInfo(nameParam(c)) })),
  );
  api.post(
    "/processes/:name/stdin",
    g(async (c) => {
      const body = await readJsonObject(c, env);
      await service.sendProcessStdin(nameParam(c), stringField(body, "chars"));
      return c.json({ ok: true });
    }),
  );

  const processTarget = (c: Context): Target => {
    const name = nameParam(c);
    const group = groupOfNamespec(name);
    return group === null ? { kind: "process", name } : { kind: "group", name: group };
  };
  const groupTarget = (c: Context): Target => ({ kind: "group", name: nameParam(c) });
  const allTarget = (): Target => ({ kind: "all" });

  for (
    const [prefix, targetOf] of [
      ["/processes/:name", processTarget],
      ["/groups/:name", groupTarget],
      ["/all", allTarget],
    ] as const
  ) {
    api.post(`${prefix}/start`, g(async (c) => await start(c, targetOf(c), waitOf(c))));
    api.post(`${prefix}/stop`, g(async (c) => await stop(c, targetOf(c), waitOf(c))));
    api.post(`${prefix}/restart`, g(async (c) => await restart(c, targetOf(c), waitOf(c))));
    api.post(
      `${prefix}/signal`,
      g(async (c) => {
        const target = targetOf(c);
        const signal = stringField(await readJsonObject(c, env), "signal");
        if (target.kind === "process") {
          return c.json({ process: await service.signalProcess(target.name, signal) });
        }
        return c.json({
          results: target.kind === "group"
            ? await service.signalProcessGroup(target.name, signal)
            : await service.signalAllProcesses(signal),
        });
      }),
    );
  }

  function waitOf(c: Context): WaitOptions {
    return { wait: waitQuery(c), signal: c.req.raw.signal };
  }

  async function start(c: Context, t: Target, w: WaitOptions): Promise<Response> {
    if (t.kind === "process") return c.json({ process: await service.startProcess(t.name, w) });
    return c.json({ results: await startMany(t, w) });
  }

  async function stop(c: Context, t: Target, w: WaitOptions): Promise<Response> {
    if (t.kind === "process") return c.json({ process: await service.stopProcess(t.name, w) });
    return c.json({ results: await stopMany(t, w) });
  }

  /** supervisorctl's restart: stop (not running is fine), then start. */
  async function restart(c: Context, t: Target, w: WaitOptions): Promise<Response> {
    if (t.kind === "process") {
      try {
        await service.stopProcess(t.name, { ...w, wait: true });
      } catch (e) {
        if (!isFault(e, "NOT_RUNNING")) throw e;
      }
      return c.json({ process: await service.startProcess(t.name, w) });
    }
    const stopped = await stopMany(t, { ...w, wait: true });
    const started = await startMany(t, w);
    return c.json({ stopped, started });
  }

  function startMany(t: Target, w: WaitOptions): Promise<ProcessResult[]> {
    return t.kind === "group" ? service.startProcessGroup(t.name, w) : service.startAllProcesses(w);
  }

  function stopMany(t: Target, w: WaitOptions): Promise<ProcessResult[]> {
    return t.kind === "group" ? service.stopProcessGroup(t.name, w) : service.stopAllProcesses(w);
  }
}
