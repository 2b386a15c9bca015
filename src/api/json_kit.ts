/** Helpers of the JSON API: error bodies, the 400 of a failed validation, bounded JSON bodies. */

import type { MiddlewareHandler } from "hono";
import { SvisorError } from "../core/errors.ts";
import { readBoundedBody } from "./body_limit.ts";
import { faultString } from "../protocol/faults.ts";
import { httpStatusOf } from "./http_status.ts";

/** What every JSON handler gets besides the request. */
export interface JsonEnv {
  /** The largest body accepted. */
  maxBodyBytes: number;
  /** Told about unexpected errors. */
  onWarning: (message: string) => void;
  /** svisor's version, reported by /state. */
  version: string;
}

/** The JSON error body: `{"error":{"code":"BAD_NAME","message":"BAD_NAME: foo"}}`. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** The JSON error for a thrown value: a fault with its status, else 500 (reported to onWarning). */
export function errorResponse(e: unknown, env: JsonEnv, where: string): Response {
  if (e instanceof SvisorError) {
    return jsonError(httpStatusOf(e.code), e.code, faultString(e.code, e.message));
  }
  const text = e instanceof Error ? e.message : String(e);
  env.onWarning(`${where}: ${text}`);
  return jsonError(500, "INTERNAL", "internal error");
}

/** What a failed validation of a request part gives the hook. */
interface ValidationFailure {
  /** The part: `json`, `query`, `param`. */
  target: string;
  /** zod's issues. */
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
}

const PART: Readonly<Record<string, string>> = {
  json: "body field",
  query: "query",
  param: "path parameter",
};

/**
 * The 400 answer for a request that does not match its schema, naming the first field:
 * `body field "signal": Invalid input: expected string, received number`.
 */
export function validationError(failure: ValidationFailure): Response {
  const issue = failure.error.issues[0];
  const field = issue === undefined || issue.path.length === 0
    ? ""
    : ` "${issue.path.map(String).join(".")}"`;
  const part = PART[failure.target] ?? failure.target;
  const message = issue === undefined ? "invalid request" : issue.message;
  return jsonError(
    400,
    "BAD_REQUEST",
    `${part}${field}: ${message}`.replace(/^body field: /, "body: "),
  );
}

/**
 * Reads every request body once, bounded (413 beyond `maxBodyBytes`), and hands it on as JSON
 * whatever its Content-Type (so `curl -d '{...}'` works): an empty body is `{}`, text that is not
 * a JSON object a 400. The route's schema validates the fields.
 */
export function jsonBodies(env: JsonEnv): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return await next();
    const body = await readBoundedBody(c.req.raw, env.maxBodyBytes);
    if (!body.ok) return jsonError(413, "TOO_LARGE", `body larger than ${env.maxBodyBytes} bytes`);
    const text = body.text.trim() === "" ? "{}" : body.text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return jsonError(400, "BAD_REQUEST", `body is not JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return jsonError(400, "BAD_REQUEST", "body must be a JSON object");
    }
    const headers = new Headers(c.req.raw.headers);
    headers.set("Content-Type", "application/json");
    c.req.raw = new Request(c.req.raw.url, {
      method: c.req.method,
      headers,
      body: text,
      signal: c.req.raw.signal,
    });
    return await next();
  };
}
