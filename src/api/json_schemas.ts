/**
 * The JSON API's shapes as zod schemas: request parameters, queries and bodies are validated from
 * them, and the OpenAPI document at /api/v1/openapi.json is generated from them. The shapes are the
 * domain's (protocol/types.ts): states and faults by name.
 */

import { z } from "@hono/zod-openapi";
import { DAEMON_STATES, PROCESS_STATES } from "../protocol/states.ts";

const stateNames = Object.keys(PROCESS_STATES) as [keyof typeof PROCESS_STATES];
const daemonStateNames = Object.keys(DAEMON_STATES) as [keyof typeof DAEMON_STATES];

/** An error answer: `{"error":{"code":"BAD_NAME","message":"BAD_NAME: foo"}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().openapi({ example: "BAD_NAME" }),
    message: z.string().openapi({ example: "BAD_NAME: foo" }),
  }),
}).openapi("Error");

/** supervisor's getProcessInfo fields, the state by name. */
export const ProcessInfoSchema = z.object({
  name: z.string(),
  group: z.string(),
  description: z.string(),
  start: z.number().int(),
  stop: z.number().int(),
  now: z.number().int(),
  statename: z.enum(stateNames),
  spawnerr: z.string(),
  exitstatus: z.number().int(),
  stdout_logfile: z.string(),
  stderr_logfile: z.string(),
  pid: z.number().int(),
  readiness: z.string().optional().openapi({
    description:
      "svisor only, for programs with readiness_check, healthcheck or depends_on: ready, unready, failed, unhealthy, waiting or ''",
  }),
}).openapi("ProcessInfo");

/** One entry of a group or `all` action: SUCCESS or the fault, by name. */
export const ProcessResultSchema = z.object({
  name: z.string(),
  group: z.string(),
  status: z.string().openapi({ example: "SUCCESS" }),
  description: z.string(),
}).openapi("ProcessResult");

/** supervisor's getAllConfigInfo struct (missing values null). */
export const ConfigInfoSchema = z.object({
  autostart: z.boolean(),
  directory: z.string().nullable(),
  uid: z.number().int().nullable(),
  command: z.string(),
  exitcodes: z.array(z.number().int()),
  group: z.string(),
  group_prio: z.number().int(),
  inuse: z.boolean(),
  killasgroup: z.boolean(),
  name: z.string(),
  process_prio: z.number().int(),
  redirect_stderr: z.boolean(),
  startretries: z.number().int(),
  startsecs: z.number().int(),
  stdout_capture_maxbytes: z.number().int(),
  stdout_events_enabled: z.boolean(),
  stdout_logfile: z.string(),
  stdout_logfile_backups: z.number().int(),
  stdout_logfile_maxbytes: z.number().int(),
  stdout_syslog: z.boolean(),
  stderr_capture_maxbytes: z.number().int(),
  stderr_events_enabled: z.boolean(),
  stderr_logfile: z.string(),
  stderr_logfile_backups: z.number().int(),
  stderr_logfile_maxbytes: z.number().int(),
  stderr_syslog: z.boolean(),
  stopsignal: z.number().int(),
  stopwaitsecs: z.number().int(),
  serverurl: z.string(),
}).openapi("ConfigInfo");

/** The daemon's state and versions. */
export const StateSchema = z.object({
  state: z.enum(daemonStateNames),
  pid: z.number().int(),
  identification: z.string(),
  apiVersion: z.string(),
  supervisorVersion: z.string(),
  svisorVersion: z.string(),
  startedAt: z.number().openapi({ description: "When the server started, epoch seconds" }),
}).openapi("State");

/** Group names a re-read found. */
export const DiffSchema = z.object({
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
}).openapi("ConfigDiff");

/** What an update did. */
export const UpdateReportSchema = z.object({
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
  problems: z.array(z.object({ group: z.string(), message: z.string() })),
}).openapi("UpdateReport");

/** A tail: the text, the new offset, whether more was there. */
export const TailSchema = z.object({
  text: z.string(),
  offset: z.number().int(),
  overflow: z.boolean(),
}).openapi("Tail");

/** `{"ok": true}`. */
export const OkSchema = z.object({ ok: z.literal(true) }).openapi("Ok");

/** `{"text": "..."}`. */
export const TextSchema = z.object({ text: z.string() }).openapi("Text");

/** `{"process": info}`. */
export const ProcessAnswer = z.object({ process: ProcessInfoSchema });

/** `{"results": [...]}`. */
export const ResultsAnswer = z.object({ results: z.array(ProcessResultSchema) });

// ---- parameters, queries, bodies ----

/** `:name`, a namespec. */
export const NameParam = z.object({
  name: z.string().min(1).openapi({ param: { name: "name", in: "path" }, example: "web" }),
});

/** `:name` and `:channel`. */
export const ChannelParams = NameParam.extend({
  channel: z.enum(["stdout", "stderr"]).openapi({ param: { name: "channel", in: "path" } }),
});

const integer = (name: string) =>
  z.string().regex(/^[+-]?\d+$/, `must be an integer`).refine(
    (v) => Number.isSafeInteger(Number(v)),
    "must be an integer",
  ).optional().openapi({ param: { name, in: "query" } });

/** `?wait=`: true (default) or false; also 1/0, yes/no. */
export const WaitQuery = z.object({
  wait: z.string().regex(/^(true|false|1|0|yes|no)$/i, "must be true or false").optional()
    .openapi({ param: { name: "wait", in: "query" } }),
});

/** `?offset=&length=` of a read or tail. */
export const WindowQuery = z.object({ offset: integer("offset"), length: integer("length") });

/** `?backlog=` of a follow. */
export const BacklogQuery = z.object({ backlog: integer("backlog") });

/** The body of /signal. */
export const SignalBody = z.object({ signal: z.string().openapi({ example: "HUP" }) });

/** The body of /stdin. */
export const StdinBody = z.object({ chars: z.string() });

/** The body of /events. */
export const EventBody = z.object({ type: z.string(), data: z.string() });

/** The body of /update. */
export const UpdateBody = z.object({ groups: z.array(z.string()).optional() });

/** Whether `?wait=` asks to wait (default true). */
export function waitOf(raw: string | undefined): boolean {
  return raw === undefined || ["true", "1", "yes"].includes(raw.toLowerCase());
}

/** An integer query value, or its default. */
export function intOf(raw: string | undefined, fallback: number): number {
  return raw === undefined || raw === "" ? fallback : Number(raw);
}
