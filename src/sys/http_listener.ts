/**
 * Serves the control plane's app with Deno.serve on a unix socket (stale file replaced, mode and
 * owner set before the path appears, as supervisor does) or on TCP host:port.
 */

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

/**
 * Serves `handler` on an address. A unix socket is bound at `<path>.<pid>`, given its mode and
 * owner, then hard-linked to `path`, so it never exists with wrong permissions; a stale socket
 * file at `path` is removed first, a live one is AddressInUseError, and a path that is not a
 * socket is refused. TCP bind errors (Deno.errors.AddrInUse) are thrown as they are.
 */
export async function serveHttp(
  handler: FetchHandler,
  address: ListenAddress,
  options: { onError?: (error: unknown) => void } = {},
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
    info.completed.finally(() => done.abort()).catch(() => {});
    const init: RequestInit = { method: request.method, headers: request.headers, signal };
    if (request.body !== null) Object.assign(init, { body: request.body, duplex: "half" });
    return handler.fetch(new Request(request.url, init));
  };
  if (address.transport === "tcp") {
    const hostname = address.hostname === "" || address.hostname === "*"
      ? "0.0.0.0"
      : address.hostname;
    const server = Deno.serve({ hostname, port: address.port, onListen: () => {}, onError }, fetch);
    return listener(server, closing, {
      transport: "tcp",
      hostname,
      port: server.addr.port,
    }, null);
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
  await Deno.remove(temp).catch(() => {});
  const server = Deno.serve({ path: temp, onListen: () => {}, onError }, fetch);
  try {
    await Deno.chmod(temp, address.mode ?? 0o700);
    if (address.owner) await Deno.chown(temp, address.owner.uid, address.owner.gid);
    await Deno.link(temp, path);
  } catch (e) {
    closing.abort();
    await server.shutdown();
    await Deno.remove(temp).catch(() => {});
    if (e instanceof Deno.errors.AlreadyExists) throw new AddressInUseError(path);
    throw e;
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
  return listener(server, closing, { transport: "unix", path }, path);
}

function listener(
  server: Deno.HttpServer,
  closing: AbortController,
  address: HttpListener["address"],
  unlinkPath: string | null,
): HttpListener {
  let closed: Promise<void> | null = null;
  const close = () =>
    closed ??= (async () => {
      closing.abort();
      await server.shutdown();
      if (unlinkPath !== null) await Deno.remove(unlinkPath).catch(() => {});
    })();
  return { address, close, [Symbol.asyncDispose]: close };
}
