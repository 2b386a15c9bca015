/** Small builders for the JSON API's route definitions: JSON bodies and answers, and the error answers a route may give. */

import type { z } from "@hono/zod-openapi";
import { ErrorBody } from "./json_schemas.ts";

/** What each error status of the JSON API means (see api/http_status.ts for the codes). */
const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: "Bad input: the message names the field (BAD_REQUEST, BAD_ARGUMENTS, BAD_SIGNAL)",
  404: "No such process, group or file (BAD_NAME, NO_FILE)",
  409: "A state conflict (ALREADY_STARTED, NOT_RUNNING, ALREADY_ADDED, STILL_RUNNING)",
  413: "The body is too large (TOO_LARGE)",
  422: "The config cannot be read (CANT_REREAD)",
  500: "The process failed (SPAWN_ERROR, ABNORMAL_TERMINATION, NOT_EXECUTABLE, FAILED)",
  503: "The daemon is shutting down (SHUTDOWN_STATE)",
};

/** A JSON answer with a schema. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body with a schema. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/** The error answers of a route, by status. */
export function errors(...statuses: number[]): Record<number, ReturnType<typeof jsonContent>> {
  const out: Record<number, ReturnType<typeof jsonContent>> = {};
  for (const s of statuses) out[s] = jsonContent(ErrorBody, ERROR_TEXT[s] ?? "An error");
  return out;
}
