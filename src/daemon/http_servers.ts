/**
 * The daemon's control servers: one Hono app (XML-RPC, JSON API, log tails) served on every
 * `[unix_http_server]` socket and `[inet_http_server]` port of the config, each with its own
 * credentials. A port or live socket already in use stops the start with supervisord's message.
 */

import { createApp } from "../api/create_app.ts";
import type { EventStreamHub } from "../events/event_stream_hub.ts";
import type { Observability } from "../api/observability_routes.ts";
import type { Config } from "../config/model.ts";
import type { LogLevel } from "../core/ports.ts";
import type { ControlService } from "../protocol/control_service.ts";
import {
  AddressInUseError,
  type HttpListener,
  NotASocketError,
  serveHttp,
} from "../sys/http_listener.ts";
import { lookupOwner } from "../sys/owner_lookup.ts";
import { removeStaleRelayDirs } from "../sys/relay_dirs.ts";
import { StartupError } from "./startup_error.ts";

/** What the daemon adds to every server's app beyond the service. */
export interface AppExtras {
  /** The event stream behind `GET /api/v1/events`. */
  events?: EventStreamHub;
  /** /metrics, /api/v1/health and the request counter. */
  observability?: Observability;
}

/** The open servers. */
export interface HttpServers {
  /** Stops every server and removes the socket files. */
  close(): Promise<void>;
}

const IN_USE =
  "Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord.";

/**
 * Opens every configured server; `log` receives the lines supervisord logs about them (sent to the
 * activity log once it is open). Throws StartupError when a server cannot be opened.
 */
export async function openHttpServers(
  config: Config,
  service: ControlService,
  log: (level: LogLevel, message: string) => void,
  runAs: { uid: number; gid: number } | null = null,
  extras: AppExtras = {},
): Promise<HttpServers> {
  for (const path of await removeStaleRelayDirs()) {
    log("INFO", `removed ${path}, left by a daemon that did not exit cleanly`);
  }
  const listeners: HttpListener[] = [];
  const closeAll = async () => {
    for (const l of listeners.splice(0)) await l.close();
  };
  try {
    const onError = (e: unknown) =>
      log("ERRO", `control server: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    for (const server of config.unixServers) {
      const app = appFor(service, server, log, extras);
      listeners.push(
        await serveHttp(app, {
          transport: "unix",
          path: server.file,
          mode: server.chmod,
          owner: ownerOf(server.chown),
        }, { onError, runAs }),
      );
    }
    for (const server of config.inetServers) {
      const app = appFor(service, server, log, extras);
      listeners.push(
        await serveHttp(app, { transport: "tcp", hostname: server.host, port: server.port }, {
          onError,
          runAs,
        }),
      );
    }
  } catch (e) {
    await closeAll();
    if (e instanceof AddressInUseError || e instanceof Deno.errors.AddrInUse) {
      throw new StartupError(IN_USE);
    }
    if (e instanceof NotASocketError) {
      throw new StartupError(
        `[unix_http_server] file: ${e.message}; remove it or configure another path`,
      );
    }
    if (e instanceof StartupError) throw e;
    throw new StartupError(
      `cannot open the control server: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return { close: closeAll };
}

function appFor(
  service: ControlService,
  server: { section: string; username: string | null; password: string | null },
  log: (level: LogLevel, message: string) => void,
  extras: AppExtras,
) {
  const auth = server.username === null
    ? null
    : { username: server.username, password: server.password ?? "" };
  if (auth === null) {
    log("CRIT", `Server '${server.section}' running without any HTTP authentication checking`);
  }
  return createApp({
    service,
    auth,
    onWarning: (m) => log("WARN", m),
    ...extras,
  });
}

/** `chown=user[:group]` as uid and gid (the user's primary group when none is named). */
function ownerOf(chown: string | null): { uid: number; gid: number } | null {
  try {
    return lookupOwner(chown, "chown");
  } catch (e) {
    throw new StartupError(e instanceof Error ? e.message : String(e));
  }
}
