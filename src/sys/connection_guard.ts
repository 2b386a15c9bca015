/**
 * The limits Deno.serve lacks (it has no header-read timeout and no connection cap): the public
 * socket is accepted here and each connection is relayed byte for byte to the HTTP server on a
 * private socket, after two checks. At most `maxConnections` are open at once (more are closed at
 * once, so idle clients can never use up the daemon's file descriptors, which its children's pipes
 * need), and a connection must deliver the end of its first request's headers within
 * `headerTimeoutMs` (a slowloris client is dropped). Later requests on a kept-alive connection and
 * long responses (`tail -f` of a quiet process) are not timed.
 */

/** The limits. */
export interface GuardLimits {
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
  /** Time from accept to the end of the first request's headers. */
  headerTimeoutMs: number;
}

/** The defaults: room for many ctl clients and followers, and a generous header deadline. */
export const DEFAULT_LIMITS: GuardLimits = { maxConnections: 256, headerTimeoutMs: 10_000 };

/** A running relay. */
export interface ConnectionGuard {
  /** Connections open now. */
  readonly open: number;
  /** Stops accepting; open connections go on. */
  stopAccepting(): Promise<void>;
  /** Stops accepting, lets relays finish what the server sent, then closes every connection. */
  close(): Promise<void>;
}

const HEADERS_END = [13, 10, 13, 10];
/** How long a server may finish answering a client that stopped sending. */
const CLOSE_GRACE_MS = 5_000;

/** Accepts on `listener` and relays each connection to a fresh `upstream()` connection. */
export function guardConnections(
  listener: Deno.Listener,
  upstream: () => Promise<Deno.Conn>,
  limits: GuardLimits = DEFAULT_LIMITS,
): ConnectionGuard {
  const conns = new Set<Deno.Conn>(); // client connections: what the cap counts
  const upstreams = new Set<Deno.Conn>(); // their relays to the server, closed with them
  const relays = new Set<Promise<void>>();
  const accepting = (async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        return; // the listener was closed
      }
      if (conns.size >= limits.maxConnections) {
        closeQuietly(conn);
        continue;
      }
      conns.add(conn);
      const relay = relayOne(conn, upstream, limits.headerTimeoutMs, upstreams).finally(() => {
        conns.delete(conn);
        relays.delete(relay);
      });
      relays.add(relay);
    }
  })();
  const stopAccepting = async () => {
    closeQuietly(listener);
    await accepting;
  };
  return {
    get open() {
      return conns.size;
    },
    stopAccepting,
    async close() {
      await stopAccepting();
      // Relays end by themselves once the server has closed its side (after the last bytes);
      // whatever is still open after a short grace is cut.
      let grace: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise((r) => (grace = setTimeout(r, CLOSE_GRACE_MS / 5)));
      await Promise.race([Promise.all([...relays]), waited]);
      clearTimeout(grace);
      for (const c of [...conns, ...upstreams]) closeQuietly(c);
      await Promise.all([...relays]);
    },
  };
}

async function relayOne(
  client: Deno.Conn,
  upstream: () => Promise<Deno.Conn>,
  headerTimeoutMs: number,
  upstreams: Set<Deno.Conn>,
): Promise<void> {
  const timer = setTimeout(() => closeQuietly(client), headerTimeoutMs);
  let server: Deno.Conn;
  try {
    server = await upstream();
  } catch {
    // The server side is closing: the client is dropped, as a refused connection would be.
    clearTimeout(timer);
    closeQuietly(client);
    return;
  }
  upstreams.add(server);
  let matched = 0; // bytes of HEADERS_END seen so far, across reads
  const seen = (chunk: Uint8Array) => {
    for (let i = 0; i < chunk.length && matched < 4; i++) {
      matched = chunk[i] === HEADERS_END[matched] ? matched + 1 : (chunk[i] === 13 ? 1 : 0);
    }
    if (matched === 4) clearTimeout(timer);
  };
  try {
    const down = pipe(server, client, null);
    const up = pipe(client, server, (chunk) => matched < 4 && seen(chunk));
    const first = await Promise.race([down.then(() => "server"), up.then(() => "client")]);
    if (first === "client") {
      // The client stopped sending (closed, or half-closed after its request): the server gets
      // the end of input and a short grace to finish a response before both are closed.
      closeWrite(server);
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([down, new Promise((r) => (grace = setTimeout(r, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
    }
  } finally {
    clearTimeout(timer);
    upstreams.delete(server);
    closeQuietly(server);
    closeQuietly(client);
  }
}

/** Copies `from` to `to` until either ends or fails; never rejects. */
async function pipe(
  from: Deno.Conn,
  to: Deno.Conn,
  watch: ((chunk: Uint8Array) => unknown) | null,
): Promise<void> {
  const buf = new Uint8Array(16 * 1024);
  try {
    for (let n = await from.read(buf); n !== null; n = await from.read(buf)) {
      const chunk = buf.subarray(0, n);
      watch?.(chunk);
      for (let done = 0; done < n;) done += await to.write(chunk.subarray(done));
    }
  } catch {
    // a reset or a close on either side ends the copy
  }
}

function closeWrite(conn: Deno.Conn): void {
  // A peer that already closed needs no half-close: the copy ends on its own.
  conn.closeWrite().catch(() => {});
}

function closeQuietly(resource: { close(): void }): void {
  try {
    resource.close();
  } catch {
    // already closed
  }
}
