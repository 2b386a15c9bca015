/**
 * The limits Deno.serve lacks (it has no header-read timeout and no connection cap): the public
 * socket is accepted here and each connection is relayed byte for byte to the HTTP server on a
 * private socket, after two checks. At most `maxConnections` are open at once, so idle clients can
 * never use up the daemon's file descriptors, which its children's pipes need; a connection must
 * deliver the end of its first request's headers within `headerTimeoutMs`, and connections still
 * sending them share a budget of their own (admission.ts: the oldest is evicted for a newcomer), so
 * slowloris clients cannot lock working clients out. Later requests on a kept-alive connection and
 * long responses (`tail -f` of a quiet process) are not timed. A client's half-close after a whole
 * request reaches the server only once it has begun to answer.
 */

import { type AdmissionLimits, AdmissionTable } from "./admission.ts";
import { FirstRequestScan } from "./first_request_scan.ts";

/** The limits. */
export interface GuardLimits {
  /** Connections open at once; more are closed as they arrive (see admission.ts for who goes). */
  maxConnections: number;
  /** Time from accept to the end of the first request's headers. */
  headerTimeoutMs: number;
  /** Connections still sending their first headers; default a quarter of `maxConnections`. */
  maxIncomplete?: number;
  /** The header deadline while those hold over half their budget; default 1 s (or less). */
  pressureTimeoutMs?: number;
}

/** The defaults: room for many ctl clients and followers, and a generous header deadline. */
export const DEFAULT_LIMITS: GuardLimits = {
  maxConnections: 256,
  headerTimeoutMs: 10_000,
  maxIncomplete: 64,
  pressureTimeoutMs: 1_000,
};

/** A running relay. */
export interface ConnectionGuard {
  /** Connections open now. */
  readonly open: number;
  /** Stops accepting; open connections go on. */
  stopAccepting(): Promise<void>;
  /** Stops accepting, lets relays finish what the server sent, then closes every connection. */
  close(): Promise<void>;
}

/** How long a server may finish answering a client that stopped sending. */
const CLOSE_GRACE_MS = 5_000;

/** The admission limits that `limits` stands for, with the defaults filled in. */
export function admissionLimits(limits: GuardLimits): AdmissionLimits {
  const maxIncomplete = limits.maxIncomplete ?? Math.max(1, Math.floor(limits.maxConnections / 4));
  return {
    maxConnections: limits.maxConnections,
    headerTimeoutMs: limits.headerTimeoutMs,
    maxIncomplete: Math.min(maxIncomplete, limits.maxConnections),
    pressureTimeoutMs: Math.min(limits.pressureTimeoutMs ?? 1_000, limits.headerTimeoutMs),
  };
}

/** Accepts on `listener` and relays each connection to a fresh `upstream()` connection. */
export function guardConnections(
  listener: Deno.Listener,
  upstream: () => Promise<Deno.Conn>,
  limits: GuardLimits = DEFAULT_LIMITS,
): ConnectionGuard {
  const table = new AdmissionTable<Deno.Conn>(admissionLimits(limits));
  const conns = new Set<Deno.Conn>(); // client connections: what the cap counts
  const upstreams = new Set<Deno.Conn>(); // their relays to the server, closed with them
  const relays = new Set<Promise<void>>();
  const cut = (conns: Deno.Conn[]) => {
    for (const c of conns) closeQuietly(c); // its relay ends and leaves the table
  };
  const accepting = (async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        return; // the listener was closed
      }
      const admission = table.arrive(conn, performance.now());
      if (!admission.admit) {
        closeQuietly(conn);
        continue;
      }
      cut(admission.evict);
      // The relay writes each response in 16 KiB pieces: with Nagle's algorithm on, a piece
      // waits for the ACK of the one before, which a keep-alive client delays by up to 40 ms.
      if (conn.remoteAddr.transport === "tcp") (conn as Deno.TcpConn).setNoDelay(true);
      conns.add(conn);
      const relay = relayOne(conn, upstream, {
        timeoutMs: table.deadlineMs,
        complete: () => table.complete(conn),
        upstreams,
      }).finally(() => {
        table.leave(conn);
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

/** What one relay is told. */
interface RelayContext {
  /** The header deadline for this connection. */
  timeoutMs: number;
  /** Called once the first request's headers have ended. */
  complete: () => void;
  /** The open server-side connections (for close()). */
  upstreams: Set<Deno.Conn>;
}

async function relayOne(
  client: Deno.Conn,
  upstream: () => Promise<Deno.Conn>,
  context: RelayContext,
): Promise<void> {
  let server: Deno.Conn | null = null;
  const timer = setTimeout(() => {
    closeQuietly(client);
    if (server !== null) closeQuietly(server);
  }, context.timeoutMs);
  try {
    server = await upstream();
  } catch {
    // The server side is closing: the client is dropped, as a refused connection would be.
    clearTimeout(timer);
    closeQuietly(client);
    return;
  }
  const to = server;
  context.upstreams.add(to);
  const scan = new FirstRequestScan();
  const seen = (chunk: Uint8Array) => {
    scan.feed(chunk);
    if (scan.headersDone) {
      clearTimeout(timer);
      context.complete();
    }
  };
  let answered: () => void = () => {};
  const answering = new Promise<void>((resolve) => (answered = resolve));
  try {
    const down = pipe(to, client, () => answered());
    const up = pipe(client, to, (chunk) => !scan.requestDone && seen(chunk));
    const first = await Promise.race([down.then(() => "server"), up.then(() => "client")]);
    if (first === "client") {
      // The client stopped sending (closed, or half-closed after its request, as `nc -N` does).
      // After a whole first request, the end of input is passed on only once the server has begun
      // to answer: an HTTP server that sees it while still reading the request fails it. Then the
      // server gets a short grace to finish the response before both are closed.
      if (scan.requestDone) await Promise.race([answering, down]);
      closeWrite(to);
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([down, new Promise((r) => (grace = setTimeout(r, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
    }
  } finally {
    clearTimeout(timer);
    context.upstreams.delete(to);
    closeQuietly(to);
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
