/** A fake engine world plus the app over it, and small helpers to call /RPC2 and the JSON API. */

import { EventStreamHub } from "../../src/events/event_stream_hub.ts";
import type { Hono } from "hono";
import { type AppOptions, createApp } from "../../src/api/create_app.ts";
import type { GroupConfig } from "../../src/config/model.ts";
import {
  decodeMethodResponse,
  encodeMethodCall,
  type XmlRpcResponse,
  type XmlRpcValue,
} from "../../src/protocol/xmlrpc_codec.ts";
import { type EngineWorld, engineWorld } from "../engine/engine_world.ts";

/** An engine world with an app and the warnings the app reported. */
export interface AppWorld extends EngineWorld {
  /** The app under test. */
  app: Hono;
  /** Messages given to onWarning. */
  warnings: string[];
  /** Calls one XML-RPC method; the decoded response. */
  rpc(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcResponse>;
  /** A JSON API request; status and parsed body. */
  // deno-lint-ignore no-explicit-any -- parsed JSON bodies, asserted field by field in tests
  json(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** Builds an engine world over groups and an app over its engine. */
export function appWorld(
  groups: GroupConfig[],
  options: Omit<AppOptions, "service"> & { executables?: string[] } = {},
): AppWorld {
  const { executables, ...appOptions } = options;
  const w = engineWorld(groups, executables === undefined ? {} : { executables });
  const warnings: string[] = [];
  // The event stream over the world's bus, as the daemon builds it.
  const events = new EventStreamHub({ history: 100, now: () => w.clock.now() });
  events.attach(w.bus);
  const app = createApp({
    service: w.engine,
    onWarning: (m) => warnings.push(m),
    events,
    ...appOptions,
  });
  return Object.assign(w, {
    app,
    warnings,
    async rpc(method: string, ...params: XmlRpcValue[]) {
      const r = await app.request("/RPC2", {
        method: "POST",
        headers: { "Content-Type": "text/xml" },
        body: encodeMethodCall(method, params),
      });
      if (r.status !== 200) throw new Error(`/RPC2 answered ${r.status}`);
      return decodeMethodResponse(await r.text());
    },
    async json(method: string, path: string, body?: unknown) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        init.headers = { "Content-Type": "application/json" };
      }
      const r = await app.request(path, init);
      const text = await r.text();
      return { status: r.status, body: text === "" ? null : JSON.parse(text) };
    },
  });
}

/** A fault response's code and text, or the value of a success, for compact asserts. */
export function outcome(r: XmlRpcResponse): XmlRpcValue | [number, string] {
  return r.ok ? r.value : [r.faultCode, r.faultString];
}
