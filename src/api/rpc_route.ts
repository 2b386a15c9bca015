/** The /RPC2 endpoint: POST text/xml in, methodResponse out; bad requests answer supervisor's HTTP errors. */

import type { Hono } from "hono";
import type { ControlService } from "../protocol/control_service.ts";
import {
  encodeFault,
  encodeMethodResponse,
  type XmlRpcCall,
  XmlRpcParseError,
  XmlRpcReader,
} from "../protocol/xmlrpc_codec.ts";
import { streamBoundedBody } from "./body_limit.ts";
import { errorPage } from "./error_page.ts";
import { dispatchRpc } from "./rpc_dispatch.ts";

/**
 * Refusals may leave the rest of the body unread: the connection is closed after the answer, so
 * the server neither waits for nor reads what the client still sends.
 */
const UNREAD = { Connection: "close" };

/** What the /RPC2 route needs. */
export interface RpcRouteOptions {
  /** The control surface. */
  service: ControlService;
  /** The largest body accepted (413 beyond). */
  maxBodyBytes: number;
  /** Told about unexpected errors (answered 500). */
  onWarning: (message: string) => void;
}

/**
 * Mounts /RPC2 (and, as supervisor's prefix match, /RPC2/...): any method but POST is 400, an
 * unparseable body 400, a fault a 200 methodResponse with a fault, a bug 500.
 */
export function mountRpcRoute(app: Hono, options: RpcRouteOptions): void {
  const handler = async (request: Request): Promise<Response> => {
    if (request.method !== "POST") return errorPage(400);
    const reader = new XmlRpcReader();
    let decoded: XmlRpcCall;
    try {
      const read = await streamBoundedBody(request, options.maxBodyBytes, (t) => reader.write(t));
      if (read === "tooLarge") return errorPage(413, UNREAD);
      if (read === "broken") return errorPage(400, UNREAD);
      decoded = reader.methodCall();
    } catch (e) {
      if (e instanceof XmlRpcParseError) return errorPage(400, UNREAD);
      throw e;
    }
    try {
      const outcome = await dispatchRpc(options.service, decoded.method, decoded.params, {
        signal: request.signal,
      });
      const xml = outcome.ok
        ? encodeMethodResponse(outcome.value)
        : encodeFault(outcome.faultCode, outcome.faultString);
      return new Response(xml, { headers: { "Content-Type": "text/xml" } });
    } catch (e) {
      options.onWarning(`/RPC2 ${decoded.method}: ${e instanceof Error ? e.message : String(e)}`);
      return errorPage(500);
    }
  };
  app.all("/RPC2", (c) => handler(c.req.raw));
  app.all("/RPC2/*", (c) => handler(c.req.raw));
}
