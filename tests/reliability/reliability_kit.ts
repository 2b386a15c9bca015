/**
 * What the reliability tests share: a daemon in a temp dir (svisor, or supervisord 4.2.5 when
 * RELIABILITY_SYSTEM=supervisord, to measure it through the same probes), raw HTTP over TCP or the
 * unix socket, the daemon's resident memory, and the figures each test prints (`FIGURE name value`)
 * for docs/reliability.md.
 */

import { svisorArgv } from "../helpers/temp_daemon.ts";

/** Which daemon the probes run against. */
export const SYSTEM: "svisor" | "supervisord" = Deno.env.get("RELIABILITY_SYSTEM") === "supervisord"
  ? "supervisord"
  : "svisor";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Prints one measured figure, tagged with the system, for docs/reliability.md. */
export function figure(name: string, value: number | string, unit = ""): void {
  console.log(`FIGURE ${SYSTEM} ${name} ${value}${unit === "" ? "" : ` ${unit}`}`);
}

/** A free TCP port on loopback (bound and released; the daemon binds it next). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = l.addr.port;
  l.close();
  return port;
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? "NaN");
  return Math.round(kb / 102.4) / 10;
}

/** Waits (bounded) until `check` holds, looking every `everyMs`; throws naming `what` after `ms`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  { ms = 30_000, everyMs = 50 } = {},
): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A daemon (svisor or supervisord) on a temp dir's config, with a unix socket and a TCP port. */
export class Daemon implements AsyncDisposable {
  /** The temp dir: config, socket, logs. */
  readonly dir: string;
  /** The TCP control port on 127.0.0.1. */
  readonly port: number;
  readonly #child: Deno.ChildProcess;
  readonly #status: Promise<Deno.CommandStatus>;
  #exited = false;

  private constructor(dir: string, port: number, child: Deno.ChildProcess) {
    this.dir = dir;
    this.port = port;
    this.#child = child;
    this.#status = child.status.then((s) => {
      this.#exited = true;
      return s;
    });
  }

  /** The config path. */
  get conf(): string {
    return `${this.dir}/svisor.conf`;
  }

  /** The unix socket path. */
  get sock(): string {
    return `${this.dir}/svisor.sock`;
  }

  /** The daemon's pid. */
  get pid(): number {
    return this.#child.pid;
  }

  /** Whether the daemon process has exited. */
  get exited(): boolean {
    return this.#exited;
  }

  /**
   * Writes the config (header, then `body` with `{{dir}}` replaced) to a new temp dir, or to `dir`
   * when given, and starts the daemon in the foreground; resolves once its socket answers.
   */
  static async start(
    body: string,
    options: { dir?: string; extra?: string; loglevel?: string; env?: Record<string, string> } = {},
  ): Promise<Daemon> {
    const dir = options.dir ?? await Deno.makeTempDir({ prefix: "svisor_rel_" });
    const port = freePort();
    await Deno.writeTextFile(`${dir}/svisor.conf`, configText(dir, port, body, options));
    const [file, ...args] = SYSTEM === "svisor"
      ? [...svisorArgv(), "daemon", "-n", "-c", `${dir}/svisor.conf`]
      : ["supervisord", "-n", "-c", `${dir}/svisor.conf`];
    const child = new Deno.Command(file!, {
      args,
      cwd: dir,
      ...(options.env === undefined ? {} : { env: options.env }),
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const d = new Daemon(dir, port, child);
    await until("the daemon's socket", async () => {
      if (d.exited) throw new Error(`the daemon exited:\n${await d.log()}`);
      return (await d.rpc("supervisor.getState").catch(() => "")).includes("RUNNING");
    });
    return d;
  }

  /** The activity log so far. */
  async log(): Promise<string> {
    return await Deno.readTextFile(`${this.dir}/svisor.log`).catch(() => "");
  }

  /** Sends a raw request over the unix socket (or TCP) and returns the whole response text. */
  raw(request: string | Uint8Array, options: RawOptions = {}): Promise<string> {
    const target: Deno.ConnectOptions | Deno.UnixConnectOptions = options.tcp
      ? { hostname: "127.0.0.1", port: this.port }
      : { transport: "unix", path: this.sock };
    return rawExchange(target, request, options);
  }

  /** Calls an XML-RPC method (string params) over the unix socket; the response text. */
  rpc(method: string, ...params: string[]): Promise<string> {
    return this.raw(httpPost("/RPC2", methodCall(method, params)));
  }

  /** Runs `svisor ctl` (or supervisorctl) on the config; exit code and output. */
  async ctl(...args: string[]): Promise<{ code: number; stdout: string; ms: number }> {
    const [file, ...prefix] = SYSTEM === "svisor"
      ? [...svisorArgv(), "ctl", "-c", this.conf]
      : ["supervisorctl", "-c", this.conf];
    const started = performance.now();
    const out = await new Deno.Command(file!, {
      args: [...prefix, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const ms = Math.round(performance.now() - started);
    return { code: out.code, stdout: dec.decode(out.stdout) + dec.decode(out.stderr), ms };
  }

  /** Kills the daemon with SIGKILL and waits for it (leftovers stay, as after a crash). */
  async kill9(): Promise<void> {
    this.#child.kill("SIGKILL");
    await this.#status;
  }

  /** Stops the daemon (SIGTERM) and removes the temp dir. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.#exited) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already gone
      }
    }
    await this.#status;
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }
}

/** Options of a raw exchange. */
export interface RawOptions {
  /** Over TCP rather than the unix socket. */
  tcp?: boolean;
  /** Shut down the write side after sending (as `nc -N`). */
  halfClose?: boolean;
  /** Give up reading after this long (the text so far is returned). */
  readMs?: number;
}

/** Connects, sends `request`, reads until the server closes; returns what came. */
export async function rawExchange(
  target: Deno.ConnectOptions | Deno.UnixConnectOptions,
  request: string | Uint8Array,
  options: RawOptions = {},
): Promise<string> {
  const conn = await Deno.connect(target as Deno.ConnectOptions);
  const timer = setTimeout(() => conn.close(), options.readMs ?? 30_000);
  let text = "";
  try {
    const bytes = typeof request === "string" ? enc.encode(request) : request;
    for (let done = 0; done < bytes.length;) done += await conn.write(bytes.subarray(done));
    if (options.halfClose) await conn.closeWrite();
    const buf = new Uint8Array(16 * 1024);
    for (let n = await conn.read(buf); n !== null; n = await conn.read(buf)) {
      text += dec.decode(buf.subarray(0, n), { stream: true });
    }
  } catch {
    // a reset, or our own close at the read deadline: the text so far is the answer
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // already closed by the deadline
    }
  }
  return text;
}

/** An HTTP/1.1 POST with `Connection: close`. */
export function httpPost(path: string, body: string, type = "text/xml"): string {
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${type}\r\n` +
    `Content-Length: ${enc.encode(body).length}\r\nConnection: close\r\n\r\n${body}`;
}

/** An HTTP/1.1 GET with `Connection: close`. */
export function httpGet(path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
}

/** A methodCall document with string params. */
export function methodCall(method: string, params: string[] = []): string {
  const ps = params.map((p) => `<param><value><string>${p}</string></value></param>`).join("");
  return `<?xml version='1.0'?><methodCall><methodName>${method}</methodName>` +
    `<params>${ps}</params></methodCall>`;
}

/** The status code of a raw HTTP response, or 0 when none came. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
}

function configText(
  dir: string,
  port: number,
  body: string,
  options: { extra?: string; loglevel?: string },
): string {
  return `[unix_http_server]
file=${dir}/svisor.sock

[inet_http_server]
port=127.0.0.1:${port}

[supervisord]
logfile=${dir}/svisor.log
pidfile=${dir}/svisor.pid
childlogdir=${dir}
loglevel=${options.loglevel ?? "info"}
${options.extra ?? ""}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${dir}/svisor.sock

${body.replaceAll("{{dir}}", dir)}`;
}
