/**
 * Serves the control plane's app with Deno.serve on a unix socket (stale file replaced, mode and
 * owner set before the path appears, as supervisor does) or on TCP host:port.
 */

import { type ConnectionGuard, guardConnections, type GuardLimits } from "./connection_guard.ts";

/** Anything with a fetch handler (a Hono app). */
export interface FetchHandler {
  /** Answers one request. */
  fetch(request: Request): Response | Promise<Response>;
}

/** Where to listen. */
export type ListenAddress =
  | {
    transport: "unix";
    /** The socket path. */
    path: string;
    /** Permission bits of the socket file; default 0o700. */
    mode?: number;
    /** Owner of the socket file (`chown` in the config); default unchanged. */
    owner?: { uid: number; gid: number } | null;
  }
  | {
    transport: "tcp";
    /** The host to bind; `""` or `*` mean every interface. */
    hostname: string;
    /** The port; 0 picks a free one. */
    port: number;
  };

/** A running listener. */
export interface HttpListener extends AsyncDisposable {
  /** The address served: the socket path, or host and actual port. */
  readonly address: { transport: "unix"; path: string } | {
    transport: "tcp";
    hostname: string;
    port: number;
  };
  /** Stops accepting, ends open streams, waits for the server, and unlinks the socket file. */
  close(): Promise<void>;
}

/** Someone already answers on the address. */
export class AddressInUseError extends Error {
  /** Builds the error naming the address. */
  constructor(address: string) {
    super(`"${address}" is already in use by another server`);
    this.name = "AddressInUseError";
  }
}

/**
 * Whether a unix socket path is served: `live` when a connect succeeds, `stale` when the path
 * exists but nobody answers, `absent` when there is no such path.
 */
export async function probeUnixSocket(path: string): Promise<"live" | "stale" | "absent"> {
  try {
    await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "absent";
    throw e;
  }
  try {
    const conn = await Deno.connect({ transport: "unix", path });
    conn.close();
    return "live";
  } catch {
    return "stale";
  }
}

/** Options of serveHttp. */
export interface ServeOptions {
  /** Told about errors thrown by the handler (the client gets a 500). */
  onError?: (error: unknown) => void;
  /** Connection cap and header deadline (see connection_guard.ts). */
  limits?: GuardLimits;
  /**
   * The user the process will switch to after binding (`[supervisord] user=`): the private socket
   * between the guard and the HTTP server must stay reachable after the switch.
   */
  runAs?: { uid: number; gid: number } | null;
}

/**
 * Serves `handler` on an address. Connections are accepted by a guard (a cap on open connections,
 * a deadline for the first request's headers) that relays them to Deno.serve on a private socket in
 * a 0700 temp dir. A unix socket is bound at `<path>.<pid>`, given its mode and owner, then
 * hard-linked to `path`, so it never exists with wrong permissions; a stale socket file at `path`
 * is removed first, a live one is AddressInUseError, and a path that is not a socket is refused.
 * TCP bind errors (Deno.errors.AddrInUse) are thrown as they are.
 */
export async function serveHttp(
  handler: FetchHandler,
  address: ListenAddress,
  options: ServeOptions = {},
): Promise<HttpListener> {
  const closing = new AbortController();
  const onError = (error: unknown) => {
    options.onError?.(error);
    return new Response("Internal Server Error", { status: 500 });
  };
  // Each request gets its own signal, aborted once its response is done or when the listener
  // closes (so streams end). Deno's request.signal is left alone: it also aborts after every
  // successful response and warns about that legacy behaviour.
  const fetch = (request: Request, info: Deno.ServeHandlerInfo) => {
    const done = new AbortController();
    const signal = AbortSignal.any([done.signal, closing.signal]);
    // completed rejects when the client goes away: the abort above is all that is needed.
    info.completed.finally(() => done.abort()).catch(() => {});
    const init: RequestInit = { method: request.method, headers: request.headers, signal };
    if (request.body !== null) Object.assign(init, { body: request.body, duplex: "half" });
    return handler.fetch(new Request(request.url, init));
  };
  const privateDir = await Deno.makeTempDir({ prefix: "svisor-http-" });
  const inner = `${privateDir}/http.sock`;
  const server = Deno.serve({ path: inner, onListen: () => {}, onError }, fetch);
  const upstream = () => Deno.connect({ transport: "unix", path: inner });
  let unlinkPath: string | null = null;
  let listener: Deno.Listener | null = null;
  try {
    if (options.runAs) {
      await Deno.chown(privateDir, options.runAs.uid, options.runAs.gid);
      await Deno.chown(inner, options.runAs.uid, options.runAs.gid);
    }
    if (address.transport === "tcp") {
      const hostname = address.hostname === "" || address.hostname === "*"
        ? "0.0.0.0"
        : address.hostname;
      const tcp = Deno.listen({ hostname, port: address.port });
      listener = tcp;
      const guard = guardConnections(tcp, upstream, options.limits);
      return served(server, guard, closing, privateDir, null, {
        transport: "tcp",
        hostname,
        port: tcp.addr.port,
      });
    }
    const path = address.path;
    const state = await probeUnixSocket(path);
    if (state === "live") throw new AddressInUseError(path);
    if (state === "stale") {
      const info = await Deno.lstat(path);
      if (!info.isSocket) throw new AddressInUseError(path);
      await Deno.remove(path);
    }
    const temp = `${path}.${Deno.pid}`;
    // A leftover temp socket from a crashed start may or may not be there; listen reports real trouble.
    await Deno.remove(temp).catch(() => {});
    listener = Deno.listen({ transport: "unix", path: temp });
    try {
      await Deno.chmod(temp, address.mode ?? 0o700);
      if (address.owner) await Deno.chown(temp, address.owner.uid, address.owner.gid);
      await Deno.link(temp, path);
      unlinkPath = path;
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) throw new AddressInUseError(path);
      throw e;
    } finally {
      // The temp name was renamed into place or never made: nothing to remove is fine.
      await Deno.remove(temp).catch(() => {});
    }
    const guard = guardConnections(listener, upstream, options.limits);
    return served(server, guard, closing, privateDir, path, { transport: "unix", path });
  } catch (e) {
    try {
      listener?.close();
    } catch {
      // not open
    }
    // Cleanup after a failed start: the original error is what the caller needs.
    if (unlinkPath !== null) await Deno.remove(unlinkPath).catch(() => {});
    closing.abort();
    await server.shutdown();
    // Cleanup after a failed start: the original error is what the caller needs.
    await Deno.remove(privateDir, { recursive: true }).catch(() => {});
    throw e;
  }
}

function served(
  server: Deno.HttpServer,
  guard: ConnectionGuard,
  closing: AbortController,
  privateDir: string,
  unlinkPath: string | null,
  address: HttpListener["address"],
): HttpListener {
  let closed: Promise<void> | null = null;
  const close = () =>
    closed ??= (async () => {
      await guard.stopAccepting();
      closing.abort(); // streams end, so the server's shutdown can finish the responses
      await server.shutdown();
      await guard.close();
      // Shutting down: a socket file or private dir already gone is the wanted end state.
      if (unlinkPath !== null) await Deno.remove(unlinkPath).catch(() => {});
      // The private dir likewise: removing what is already gone is done.
      await Deno.remove(privateDir, { recursive: true }).catch(() => {});
    })();
  return { address, close, [Symbol.asyncDispose]: close };
}
