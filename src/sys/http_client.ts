/**
 * A minimal HTTP/1.1 client over a unix socket or TCP: keep-alive, Content-Length, chunked and
 * close-delimited bodies, streamed reads. Deno's fetch cannot do this over a unix socket (its unix
 * transport is a proxy and sends absolute-form request targets, which supervisord rejects).
 */

import { concatBytes } from "../core/bytes.ts";

/** Where a server listens, parsed from `unix:///path` or `http://host[:port]`. */
export type ServerAddress =
  | { transport: "unix"; path: string; host: string }
  | { transport: "tcp"; hostname: string; port: number; host: string };

/**
 * Parses a server URL as supervisorctl does: `unix://` then the socket path; `http://host[:port]`
 * with port 80 when omitted. Throws a TypeError for any other scheme.
 *
 * @example
 * ```ts
 * import { parseServerUrl } from "./http_client.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseServerUrl("unix:///run/s.sock"), {
 *   transport: "unix", path: "/run/s.sock", host: "localhost",
 * });
 * assert.equal(parseServerUrl("http://127.0.0.1").transport, "tcp");
 * ```
 */
export function parseServerUrl(url: string): ServerAddress {
  if (url.startsWith("unix://")) {
    return { transport: "unix", path: url.slice("unix://".length), host: "localhost" };
  }
  const m = /^http:\/\/([^/:?#]+|\[[^\]]*\])(?::(\d*))?(?:[/?#].*)?$/i.exec(url);
  if (m === null) throw new TypeError(`unknown protocol for serverurl "${url}"`);
  const hostname = (m[1] ?? "").replace(/^\[|\]$/g, "");
  const port = m[2] === undefined || m[2] === "" ? 80 : Number(m[2]);
  return { transport: "tcp", hostname, port, host: port === 80 ? m[1]! : `${m[1]}:${port}` };
}

/** A failed connect, with the errno name supervisorctl keys its messages on. */
export class HttpConnectError extends Error {
  /** `ENOENT`, `ECONNREFUSED`, `EACCES`, or the underlying error's name. */
  readonly code: string;
  /** Builds the error from a code and the underlying message. */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "HttpConnectError";
    this.code = code;
  }
}

/** One request. */
export interface HttpRequest {
  /** GET, POST, ... */
  method: string;
  /** The origin-form target, e.g. `/RPC2`. */
  path: string;
  /** Extra headers (Host, Content-Length and Connection are set by the client). */
  headers?: Record<string, string>;
  /** The body, if any. */
  body?: string | Uint8Array;
  /** Aborts the request and its body stream (the connection is closed). */
  signal?: AbortSignal;
  /**
   * Do not reuse the connection after this request (for long streams). No `Connection: close` is
   * sent: supervisord's server then stops chunking and holds a stream's output back.
   */
  noReuse?: boolean;
}

/** A response whose body is read on demand. */
export interface HttpResponse {
  /** The status code. */
  status: number;
  /** The reason phrase. */
  reason: string;
  /** Headers, names lower-cased. */
  headers: Map<string, string>;
  /** The body in chunks as they arrive (decoded from chunked encoding). */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as UTF-8 text. */
  text(): Promise<string>;
  /** Stops reading and closes the connection. */
  cancel(): void;
}

const encoder = new TextEncoder();

/** An HTTP/1.1 client for one server, reusing one idle connection between requests. */
export class HttpClient {
  #address: ServerAddress;
  #idle: Connection | null = null;
  #open = new Set<Connection>();

  /** Builds a client for a server URL or address; nothing connects until the first request. */
  constructor(address: ServerAddress | string) {
    this.#address = typeof address === "string" ? parseServerUrl(address) : address;
  }

  /** Sends a request and returns once the status line and headers have arrived. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    req.signal?.throwIfAborted();
    const reused = this.#idle;
    this.#idle = null;
    if (reused !== null) {
      try {
        return await this.#exchange(reused, req);
      } catch (e) {
        // A kept-alive connection the server closed meanwhile: try once on a fresh one.
        if (req.signal?.aborted || !(e instanceof StaleConnection)) throw unwrap(e);
      }
    }
    return await this.#exchange(await this.#connect(), req).catch((e) => {
      throw unwrap(e);
    });
  }

  /** Closes every connection (idle or streaming). */
  close(): void {
    for (const c of this.#open) c.close();
    this.#open.clear();
    this.#idle = null;
  }

  async #connect(): Promise<Connection> {
    const a = this.#address;
    try {
      const conn = a.transport === "unix"
        ? await Deno.connect({ transport: "unix", path: a.path })
        : await Deno.connect({ hostname: a.hostname, port: a.port });
      const c = new Connection(conn, () => this.#open.delete(c));
      this.#open.add(c);
      return c;
    } catch (e) {
      throw connectError(e);
    }
  }

  async #exchange(c: Connection, req: HttpRequest): Promise<HttpResponse> {
    const body = typeof req.body === "string" ? encoder.encode(req.body) : req.body;
    const head = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${this.#address.host}`];
    for (const [k, v] of Object.entries(req.headers ?? {})) head.push(`${k}: ${v}`);
    if (body !== undefined) head.push(`Content-Length: ${body.length}`);
    const headBytes = encoder.encode(head.join("\r\n") + "\r\n\r\n");
    const onAbort = () => c.close();
    req.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      req.signal?.throwIfAborted(); // aborted while connecting: the listener came too late
      await c.writeAll(body === undefined ? headBytes : concatBytes([headBytes, body]));
      const status = await c.readLine();
      if (status === null) throw new StaleConnection();
      const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(status);
      if (m === null) throw new Error(`bad HTTP status line "${status}"`);
      const headers = new Map<string, string>();
      for (let line = await c.readLine(); line !== ""; line = await c.readLine()) {
        if (line === null) throw new Error("connection closed in the response headers");
        const colon = line.indexOf(":");
        if (colon > 0) {
          headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
      }
      const keep = req.noReuse !== true && m[1] === "1" &&
        (headers.get("connection") ?? "").toLowerCase() !== "close";
      return this.#response(c, Number(m[2]), m[3] ?? "", headers, keep, req.signal, onAbort);
    } catch (e) {
      req.signal?.removeEventListener("abort", onAbort);
      c.close();
      if (req.signal?.aborted) throw req.signal.reason;
      throw e;
    }
  }

  #response(
    c: Connection,
    status: number,
    reason: string,
    headers: Map<string, string>,
    keep: boolean,
    signal: AbortSignal | undefined,
    onAbort: () => void,
  ): HttpResponse {
    const chunked = (headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked");
    const lengthText = headers.get("content-length");
    const length = lengthText === undefined ? null : Number(lengthText);
    const finish = (complete: boolean) => {
      signal?.removeEventListener("abort", onAbort);
      if (complete && keep && (chunked || length !== null) && !c.closed) this.#idle = c;
      else c.close();
    };
    let done = false;
    let cancelled = false;
    async function* read(): AsyncGenerator<Uint8Array> {
      let complete = false;
      try {
        if (chunked) yield* c.chunked();
        else if (length !== null) yield* c.exactly(length);
        else yield* c.untilClose();
        complete = true;
      } catch (e) {
        if (cancelled) return;
        if (signal?.aborted) throw signal.reason;
        throw e;
      } finally {
        done = true;
        finish(complete);
      }
    }
    const body = read();
    return {
      status,
      reason,
      headers,
      body,
      text: async () => {
        const parts: Uint8Array[] = [];
        for await (const part of body) parts.push(part);
        return new TextDecoder().decode(concatBytes(parts));
      },
      cancel: () => {
        if (!done) {
          done = true;
          cancelled = true;
          c.close();
          // The connection is closed already; ending the body iterator only releases it.
          void body.return(undefined).catch(() => {});
        }
      },
    };
  }
}

/** The server closed a kept-alive connection before answering. */
class StaleConnection extends Error {}

function unwrap(e: unknown): unknown {
  return e instanceof StaleConnection ? new Error("the server closed the connection") : e;
}

function connectError(e: unknown): HttpConnectError {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Deno.errors.NotFound) return new HttpConnectError("ENOENT", message);
  if (e instanceof Deno.errors.ConnectionRefused) {
    return new HttpConnectError("ECONNREFUSED", message);
  }
  if (e instanceof Deno.errors.PermissionDenied) return new HttpConnectError("EACCES", message);
  return new HttpConnectError(e instanceof Error ? e.name : "Error", message, { cause: e });
}

/** One socket with a read buffer. */
class Connection {
  #conn: Deno.Conn;
  #buf: Uint8Array = new Uint8Array(0);
  #onClose: () => void;
  closed = false;

  constructor(conn: Deno.Conn, onClose: () => void) {
    this.#conn = conn;
    this.#onClose = onClose;
  }

  async writeAll(bytes: Uint8Array): Promise<void> {
    let rest = bytes;
    try {
      while (rest.length > 0) rest = rest.subarray(await this.#conn.write(rest));
    } catch (e) {
      if (e instanceof Deno.errors.BrokenPipe || e instanceof Deno.errors.ConnectionReset) {
        throw new StaleConnection();
      }
      throw e;
    }
  }

  /** Reads more bytes into the buffer; false at end of stream. */
  async #fill(): Promise<boolean> {
    const chunk = new Uint8Array(65536);
    let n: number | null;
    try {
      n = await this.#conn.read(chunk);
    } catch (e) {
      if (e instanceof Deno.errors.ConnectionReset) return false;
      throw e;
    }
    if (n === null) return false;
    this.#buf = this.#buf.length === 0
      ? chunk.subarray(0, n)
      : concatBytes([this.#buf, chunk.subarray(0, n)]);
    return true;
  }

  /** One CRLF- (or LF-) terminated line without its terminator; null at end of stream. */
  async readLine(): Promise<string | null> {
    while (true) {
      const lf = this.#buf.indexOf(10);
      if (lf >= 0) {
        const end = lf > 0 && this.#buf[lf - 1] === 13 ? lf - 1 : lf;
        const line = new TextDecoder().decode(this.#buf.subarray(0, end));
        this.#buf = this.#buf.subarray(lf + 1);
        return line;
      }
      if (!(await this.#fill())) {
        if (this.#buf.length === 0) return null;
        throw new Error("connection closed in the middle of a line");
      }
    }
  }

  async *exactly(n: number): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      if (this.#buf.length === 0 && !(await this.#fill())) {
        throw new Error("connection closed before the end of the body");
      }
      const take = this.#buf.subarray(0, Math.min(left, this.#buf.length));
      this.#buf = this.#buf.subarray(take.length);
      left -= take.length;
      yield take;
    }
  }

  async *chunked(): AsyncGenerator<Uint8Array> {
    while (true) {
      const sizeLine = await this.readLine();
      if (sizeLine === null) throw new Error("connection closed in a chunked body");
      if (sizeLine.trim() === "") continue;
      const size = parseInt(sizeLine.split(";")[0]!.trim(), 16);
      if (!Number.isFinite(size)) throw new Error(`bad chunk size "${sizeLine}"`);
      if (size === 0) {
        for (let t = await this.readLine(); t !== null && t !== ""; t = await this.readLine());
        return;
      }
      yield* this.exactly(size);
      await this.readLine();
    }
  }

  async *untilClose(): AsyncGenerator<Uint8Array> {
    while (true) {
      if (this.#buf.length > 0) {
        const out = this.#buf;
        this.#buf = new Uint8Array(0);
        yield out;
      }
      if (!(await this.#fill())) return;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
    this.#onClose();
  }
}
