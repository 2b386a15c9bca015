/** The environment a child gets: supervisor's order of layers (§1.12 of the reference). */

/** What the child environment is built from. */
export interface ChildEnvParts {
  /** The daemon's own environment. */
  daemonEnv: Readonly<Record<string, string>>;
  /** SUPERVISOR_SERVER_URL, or null when there is no server. */
  serverurl: string | null;
  /** The process name (SUPERVISOR_PROCESS_NAME). */
  processName: string;
  /** The group name (SUPERVISOR_GROUP_NAME). */
  groupName: string;
  /** The program's `environment=` (already over `[supervisord] environment`); applied last. */
  environment: Readonly<Record<string, string>>;
}

/**
 * Builds the child's environment: the daemon's, then SUPERVISOR_ENABLED, SUPERVISOR_SERVER_URL,
 * SUPERVISOR_PROCESS_NAME and SUPERVISOR_GROUP_NAME, then the config's `environment` (which may
 * override the SUPERVISOR_* variables, as in supervisor's code).
 *
 * @example
 * ```ts
 * import { buildChildEnv } from "./child_env.ts";
 * import assert from "node:assert/strict";
 * const env = buildChildEnv({
 *   daemonEnv: { HOME: "/root" },
 *   serverurl: "unix:///run/s.sock",
 *   processName: "web",
 *   groupName: "web",
 *   environment: { PORT: "80" },
 * });
 * assert.equal(env["SUPERVISOR_SERVER_URL"], "unix:///run/s.sock");
 * assert.equal(env["PORT"], "80");
 * ```
 */
export function buildChildEnv(parts: ChildEnvParts): Record<string, string> {
  const env: Record<string, string> = { ...parts.daemonEnv };
  env["SUPERVISOR_ENABLED"] = "1";
  if (parts.serverurl !== null && parts.serverurl !== "") {
    env["SUPERVISOR_SERVER_URL"] = parts.serverurl;
  }
  env["SUPERVISOR_PROCESS_NAME"] = parts.processName;
  env["SUPERVISOR_GROUP_NAME"] = parts.groupName;
  Object.assign(env, parts.environment);
  return env;
}
