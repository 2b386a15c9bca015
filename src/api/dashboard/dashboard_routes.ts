/**
 * The dashboard at `/` (and `/index.html`, as supervisord): the server-rendered page and its two
 * assets, the script and the style sheet, both served from the binary. GET only; the page's actions
 * go through the JSON API (POST, behind the cross-site guard of create_app.ts).
 */

import type { Hono } from "hono";
import type { ControlService } from "../../protocol/control_service.ts";
import { makeNamespec } from "../../protocol/namespec.ts";
import { RUNNING_STATES, STOPPED_STATES } from "../../protocol/states.ts";
import { formatTimedelta } from "../../process/process_description.ts";
import { formatPreview } from "../../protocol/update_preview_text.ts";
import { type ClientLib, dashboardClient } from "./dashboard_client.ts";
import { DASHBOARD_ASSETS, type DashboardData, DashboardPage } from "./dashboard_page.tsx";
import { readinessAfterState, showsGroupHeader, stateRank } from "./dashboard_rules.ts";
import { DASHBOARD_CSS } from "./dashboard_style.ts";

/** What the dashboard needs besides the service. */
export interface DashboardOptions {
  /** The JSON API prefix the script calls. */
  api: string;
  /** svisor's version. */
  version: string;
  /** When the server started, epoch seconds. */
  startedAt: number;
  /** Event types the page follows on the event stream. */
  eventTypes: readonly string[];
}

/**
 * Event types the page follows: state changes, groups added and removed, the daemon's state, and
 * svisor's readiness and health outcomes (the word after the state).
 */
export const DASHBOARD_EVENT_TYPES: readonly string[] = [
  "PROCESS_STATE",
  "PROCESS_GROUP",
  "SUPERVISOR_STATE_CHANGE",
  "PROCESS_READINESS",
  "PROCESS_HEALTH",
];

/** The page may load only its own script and style, and talk only to its own origin. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Mounts `/`, `/index.html` and the assets. */
export function mountDashboard(app: Hono, service: ControlService, options: DashboardOptions) {
  const script = clientScript(options);
  const page = async () => {
    const [processes, state, identification, pid, supervisorVersion] = await Promise.all([
      service.getAllProcessInfo(),
      service.getState(),
      service.getIdentification(),
      service.getPID(),
      service.getSupervisorVersion(),
    ]);
    const data: DashboardData = {
      processes,
      state,
      identification,
      pid,
      svisorVersion: options.version,
      supervisorVersion,
      startedAt: options.startedAt,
      now: processes[0]?.now ?? Date.now() / 1000,
    };
    const html = "<!doctype html>" + String(DashboardPage({ data }));
    return new Response(html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy": PAGE_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      },
    });
  };
  app.get("/", page);
  app.get("/index.html", page);
  app.get(DASHBOARD_ASSETS.script, () => asset(script, "text/javascript; charset=utf-8"));
  app.get(DASHBOARD_ASSETS.style, () => asset(DASHBOARD_CSS, "text/css; charset=utf-8"));
}

/** The browser script: dashboardClient's source, called with the rules it shares with the server. */
export function clientScript(options: Pick<DashboardOptions, "api" | "eventTypes">): string {
  const lib: Record<keyof ClientLib, string> = {
    api: JSON.stringify(options.api),
    runningStates: JSON.stringify([...RUNNING_STATES]),
    stoppedStates: JSON.stringify([...STOPPED_STATES]),
    eventTypes: JSON.stringify(options.eventTypes),
    formatTimedelta: formatTimedelta.toString(),
    makeNamespec: makeNamespec.toString(),
    stateRank: stateRank.toString(),
    showsGroupHeader: showsGroupHeader.toString(),
    readinessAfterState: readinessAfterState.toString(),
    formatPreview: formatPreview.toString(),
  };
  const args = Object.entries(lib).map(([k, v]) => `${k}: ${v}`).join(",\n");
  return `"use strict";\n(${dashboardClient.toString()})({\n${args}\n});\n`;
}

function asset(body: string, type: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
