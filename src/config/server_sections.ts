/** `[unix_http_server*]` and `[inet_http_server*]`: the control servers, and the AUTO server URL. */

import type { InetServerConfig, UnixServerConfig } from "./model.ts";
import { absolutePath } from "./paths.ts";
import { type LoadContext, SectionReader } from "./section_reader.ts";
import { checkUserGroup } from "./user_checks.ts";
import { parseInetAddress, parseOctal } from "./value_types.ts";

const NO_HERE = {
  here:
    `"here" is not expanded in this section by supervisor 4.2.5 (only in [unix_http_server] file, ` +
    `or anywhere when the config has an [include] section)`,
};

/** The servers of a config, inet ones and unix ones, each in config order. */
export interface Servers {
  /** Every `[unix_http_server*]`. */
  unix: UnixServerConfig[];
  /** Every `[inet_http_server*]`. */
  inet: InetServerConfig[];
}

/** Reads every server section (any section whose name starts with `unix_http_server` or `inet_http_server`). */
export function readServerSections(ctx: LoadContext): Servers {
  const servers: Servers = { unix: [], inet: [] };
  for (const section of ctx.store.sections()) {
    if (section.startsWith("inet_http_server")) servers.inet.push(readInet(ctx, section));
  }
  for (const section of ctx.store.sections()) {
    if (section.startsWith("unix_http_server")) servers.unix.push(readUnix(ctx, section));
  }
  return servers;
}

/**
 * supervisord's own URL for children (`SUPERVISOR_SERVER_URL`): the first unix server as
 * `unix://path`, else the first inet server as `http://host:port` (`localhost` for every interface).
 */
export function autoServerUrl(servers: Servers): string | null {
  const unix = servers.unix[0];
  if (unix !== undefined) return `unix://${unix.file}`;
  const inet = servers.inet[0];
  if (inet !== undefined) {
    return `http://${inet.host === "" ? "localhost" : inet.host}:${inet.port}`;
  }
  return null;
}

function readInet(ctx: LoadContext, section: string): InetServerConfig {
  const r = new SectionReader(ctx, section);
  const names = { ...ctx.envNames };
  const auth = readAuth(r, names);
  const port = r.text("port", names, { unavailable: NO_HERE });
  if (port === undefined) r.error(undefined, "has no port value (port= is required)");
  const address = typeof port === "string"
    ? r.parse("port", port, { host: "", port: 0 }, parseInetAddress)
    : { host: "", port: 0 };
  return { section, host: address.host, port: address.port, ...auth };
}

function readUnix(ctx: LoadContext, section: string): UnixServerConfig {
  const r = new SectionReader(ctx, section);
  const names = { ...ctx.envNames };
  const file = r.text("file", { here: ctx.here, ...names });
  if (file === undefined) r.error(undefined, "has no file value (file= is required)");
  const chown = r.text("chown", names, { unavailable: NO_HERE }) ?? null;
  if (chown !== null) checkUserGroup("chown", chown, r);
  return {
    section,
    file: typeof file === "string" ? absolutePath(file.trim(), r) : "",
    chmod: r.typed("chmod", 0o700, names, parseOctal, { unavailable: NO_HERE }),
    chown,
    ...readAuth(r, names),
  };
}

function readAuth(
  r: SectionReader,
  names: Record<string, string>,
): { username: string | null; password: string | null } {
  const username = r.text("username", names, { unavailable: NO_HERE }) ?? null;
  const password = r.text("password", names, { unavailable: NO_HERE }) ?? null;
  if ((username === null) !== (password === null)) {
    r.error(
      username === null ? "password" : "username",
      "incomplete authentication: set both username and password, or neither",
    );
  }
  return { username, password };
}
