/** Helpers of the JSON API: error bodies, bounded JSON bodies, integer and wait queries, one guard per handler. */

import type { Context } from "hono";
import { SvisorError } from "../core/errors.ts";
import { BodyBrokenError, readBoundedBody } from "./body_limit.ts";
import { httpStatusOf, wireFault } from "./fault_map.ts";

/** What every JSON handler gets besides the request. */
export interface JsonEnv {
  /** The largest body accepted. */
  maxBodyBytes: number;
  /** Told about unexpected errors. */
  onWarning: (message: string) => void;
}

/** The JSON error body: `{"error":{"code":"BAD_NAME","fault":10,"message":"BAD_NAME: foo"}}`. */
export function jsonError(
  status: number,
  code: string,
  fault: number | null,
  message: string,
): Response {
  return Response.json({ error: { code, fault, message } }, { status });
}

/** The JSON error for a thrown value: a fault with its status, else 500 (reported to onWarning). */
export function errorResponse(e: unknown, env: JsonEnv, where: string): Response {
  if (e instanceof BadRequest) return jsonError(e.status, e.code, null, e.message);
  if (e instanceof BodyBrokenError) return jsonError(400, "BAD_REQUEST", null, e.message);
  const f = wireFault(e);
  if (f !== null) return jsonError(httpStatusOf(f.name), f.name, f.number, f.text);
  const text = e instanceof Error ? e.message : String(e);
  env.onWarning(`${where}: ${text}`);
  return jsonError(500, "INTERNAL", null, "internal error");
}

/** A request the API refuses before calling the service (bad JSON, too large, bad query). */
export class BadRequest extends Error {
  /** The HTTP status (400, 413). */
  readonly status: number;
  /** The error code of the body (`BAD_REQUEST`, `TOO_LARGE`). */
  readonly code: string;
  /** Builds a refusal. */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "BadRequest";
    this.status = status;
    this.code = code;
  }
}

/** Runs a handler, turning every thrown value into a JSON error response. */
export function guarded(
  env: JsonEnv,
  run: (c: Context) => Promise<Response>,
): (c: Context) => Promise<Response> {
  return async (c) => {
    try {
      return await run(c);
    } catch (e) {
      return errorResponse(e, env, `${c.req.method} ${c.req.path}`);
    }
  };
}

/** The body as a JSON object; an empty body is `{}`. Throws BadRequest (400, 413). */
export async function readJsonObject(
  c: Context,
  env: JsonEnv,
): Promise<Record<string, unknown>> {
  const body = await readBoundedBody(c.req.raw, env.maxBodyBytes);
  if (!body.ok) {
    throw new BadRequest(413, "TOO_LARGE", `body larger than ${env.maxBodyBytes} bytes`);
  }
  if (body.text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (e) {
    throw new BadRequest(400, "BAD_REQUEST", `body is not JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BadRequest(400, "BAD_REQUEST", "body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** A string field of a body; BAD_ARGUMENTS when missing or not a string. */
export function stringField(body: Record<string, unknown>, key: string): string {
  const v = Object.hasOwn(body, key) ? body[key] : undefined;
  if (typeof v !== "string") {
    throw new BadRequest(400, "BAD_REQUEST", `body field "${key}" must be a string`);
  }
  return v;
}

/** An integer query parameter, or its default; 400 when it is not an integer. */
export function intQuery(c: Context, key: string, fallback: number): number {
  const raw = c.req.query(key);
  if (raw === undefined || raw === "") return fallback;
  if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) {
    throw new BadRequest(400, "BAD_REQUEST", `query "${key}" must be an integer, not "${raw}"`);
  }
  return Number(raw);
}

/** `?wait=`: true by default; `false`/`0`/`no` for false; 400 for anything else. */
export function waitQuery(c: Context): boolean {
  const raw = c.req.query("wait");
  if (raw === undefined || raw === "") return true;
  if (["true", "1", "yes"].includes(raw.toLowerCase())) return true;
  if (["false", "0", "no"].includes(raw.toLowerCase())) return false;
  throw new BadRequest(400, "BAD_REQUEST", `query "wait" must be true or false, not "${raw}"`);
}

/** Whether an error is a fault with this code. */
export function isFault(e: unknown, code: string): boolean {
  return e instanceof SvisorError && e.code === code;
}

/** The `:name` path parameter (percent-decoded by Hono). */
export function nameParam(c: Context): string {
  return c.req.param("name") ?? "";
}
