/**
 * ControlService over the wire: XML-RPC at /RPC2 for calls, /logtail and /mainlogtail for follows,
 * on a unix socket or TCP, with Basic auth. It speaks to svisor's daemon and to Supervisor's
 * supervisord alike. Transport failures become ServerUnreachable or AuthRequired; faults RemoteFault.
 */

import { EVENT_STREAM_PATH } from "../protocol/event_stream.ts";
import { SvisorError } from "../core/errors.ts";
import type { ControlService, LogFollow, WaitOptions } from "../protocol/control_service.ts";
import type {
  Channel,
  ConfigDiff,
  DaemonStateName,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
} from "../protocol/types.ts";
import type { XmlRpcValue } from "../protocol/xmlrpc_codec.ts";
import { HttpClient, HttpConnectError } from "../sys/http_client.ts";
import type { CtlConnection } from "./controller.ts";
import { AuthRequired, RemoteFault, ServerUnreachable } from "./ctl_errors.ts";

/** Where and as whom to connect. */
export interface RemoteOptions {
  /** `unix:///path` or `http://host[:port]`. */
  serverurl: string;
  /** Basic-auth user (sent only with a password). */
  username: string | null;
  /** Basic-auth password. */
  password: string | null;
}

/** Opens a connection to a daemon; nothing is sent before the first call. */
export function connectRemote(options: RemoteOptions): CtlConnection {
  const client = new HttpClient(options.serverurl);
  return { service: new RemoteControlService(client, options), close: () => client.close() };
}

/** The ControlService of a daemon reached over HTTP. */
export class RemoteControlService implements ControlService {
  #client: HttpClient;
  #options: RemoteOptions;
  #headers: Record<string, string>;
  /** Whether the server has svisor's JSON API (null until asked). */
  #jsonApi: boolean | null = null;

  /** Builds the service over an HTTP client for the URL in `options`. */
  constructor(client: HttpClient, options: RemoteOptions) {
    this.#client = client;
    this.#options = options;
    this.#headers = {};
    if (options.username !== null && options.password !== null) {
      const token = btoa(
        String.fromCharCode(...new TextEncoder().encode(`${options.username}:${options.password}`)),
      );
      this.#headers["Authorization"] = `Basic ${token}`;
    }
  }

  /** Calls one XML-RPC method and returns its value. */
  async call(
    method: string,
    params: readonly XmlRpcValue[],
    signal?: AbortSignal,
  ): Promise<XmlRpcValue> {
    // Loaded on first use: `ctl status` against svisor needs no XML (nor the XML parser's load).
    const { decodeMethodResponse, encodeMethodCall } = await import("../protocol/xmlrpc_codec.ts");
    const body = encodeMethodCall(method, params);
    let text: string;
    try {
      const response = await this.#client.request({
        method: "POST",
        path: "/RPC2",
        headers: {
          ...this.#headers,
          "User-Agent": "svisor ctl",
          "Content-Type": "text/xml",
          "Accept": "text/xml",
        },
        body,
        ...(signal === undefined ? {} : { signal }),
      });
      if (response.status === 401) {
        response.cancel();
        throw new AuthRequired();
      }
      if (response.status !== 200) {
        response.cancel();
        throw new Error(`${this.#options.serverurl}/RPC2: ${response.status} ${response.reason}`);
      }
      text = await response.text();
    } catch (e) {
      throw this.#translate(e);
    }
    const decoded = decodeMethodResponse(text);
    if (!decoded.ok) throw new RemoteFault(decoded.faultCode, decoded.faultString);
    return decoded.value;
  }

  #translate(e: unknown): unknown {
    if (e instanceof HttpConnectError) {
      return new ServerUnreachable(this.#options.serverurl, e.code, e.message);
    }
    return e;
  }

  /** The event stream (`GET /api/v1/events`) as SSE text, for `ctl events`. */
  followEvents(query: string, lastEventId: number | null): LogFollow {
    const last = lastEventId === null ? {} : { "Last-Event-ID": String(lastEventId) };
    return this.#follow(`${EVENT_STREAM_PATH}?${query}`, last);
  }

  #follow(path: string, extra: Record<string, string> = {}): LogFollow {
    const abort = new AbortController();
    const client = this.#client;
    const headers = { ...this.#headers, ...extra };
    const translate = (e: unknown) => this.#translate(e);
    return {
      close: () => abort.abort(),
      async *[Symbol.asyncIterator]() {
        if (abort.signal.aborted) return;
        let response;
        try {
          response = await client.request({
            method: "GET",
            path,
            headers,
            noReuse: true,
            signal: abort.signal,
          });
        } catch (e) {
          if (abort.signal.aborted) return;
          throw translate(e);
        }
        if (response.status !== 200) {
          response.cancel();
          throw new SvisorError(
            response.status === 404 ? "BAD_NAME" : "FAILED",
            `Cannot read, status code ${response.status}`,
          );
        }
        const decoder = new TextDecoder();
        try {
          for await (const chunk of response.body) yield decoder.decode(chunk, { stream: true });
        } catch (e) {
          if (!abort.signal.aborted) throw e;
        } finally {
          response.cancel();
        }
      },
    };
  }

  async getAPIVersion(): Promise<string> {
    // ctl's first call (supervisorctl's upcheck): it also finds out whether the JSON API is there.
    if (this.#jsonApi !== false) {
      const state = await this.#getJson("/api/v1/state");
      this.#jsonApi = state !== null;
      const version = (state as { apiVersion?: unknown } | null)?.apiVersion;
      if (typeof version === "string") return version;
    }
    return String(await this.call("supervisor.getAPIVersion", []));
  }
  async getSupervisorVersion(): Promise<string> {
    return String(await this.call("supervisor.getSupervisorVersion", []));
  }
  async getSvisorVersion(): Promise<string> {
    return String(await this.call("svisor.getVersion", []));
  }
  async getIdentification(): Promise<string> {
    return String(await this.call("supervisor.getIdentification", []));
  }
  async getState(): Promise<{ statecode: number; statename: DaemonStateName }> {
    return await this.call("supervisor.getState", []) as unknown as {
      statecode: number;
      statename: DaemonStateName;
    };
  }
  async getPID(): Promise<number> {
    return Number(await this.call("supervisor.getPID", []));
  }
  async readLog(offset: number, length: number): Promise<string> {
    return String(await this.call("supervisor.readLog", [offset, length]));
  }
  async tailLog(offset: number, length: number): Promise<TailResult> {
    return tailResult(await this.call("supervisor.tailLog", [offset, length]));
  }
  async clearLog(): Promise<boolean> {
    return Boolean(await this.call("supervisor.clearLog", []));
  }
  followLog(): Promise<LogFollow> {
    return Promise.resolve(this.#follow("/mainlogtail"));
  }
  async shutdown(): Promise<boolean> {
    return Boolean(await this.call("supervisor.shutdown", []));
  }
  async restart(): Promise<boolean> {
    return Boolean(await this.call("supervisor.restart", []));
  }
  async getProcessInfo(name: string): Promise<ProcessInfo> {
    return await this.call("supervisor.getProcessInfo", [name]) as unknown as ProcessInfo;
  }
  async getAllProcessInfo(): Promise<ProcessInfo[]> {
    // svisor's JSON route answers the same list several times faster to decode (1,000 processes:
    // about 150 ms of XML parsing in ctl); supervisord answers it with a 404, and XML-RPC follows.
    if (this.#jsonApi !== false) {
      const answer = await this.#getJson("/api/v1/processes");
      this.#jsonApi = answer !== null;
      const processes = (answer as { processes?: unknown } | null)?.processes;
      if (Array.isArray(processes)) return processes as ProcessInfo[];
    }
    return await this.call("supervisor.getAllProcessInfo", []) as unknown as ProcessInfo[];
  }

  /** GETs a JSON route; null when the server does not answer it with JSON (supervisord, 401). */
  async #getJson(path: string): Promise<unknown> {
    let response;
    try {
      response = await this.#client.request({
        method: "GET",
        path,
        headers: { ...this.#headers, "User-Agent": "svisor ctl", "Accept": "application/json" },
      });
    } catch (e) {
      throw this.#translate(e);
    }
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !type.startsWith("application/json")) {
      await response.text().catch(() => "");
      return null;
    }
    try {
      return JSON.parse(await response.text());
    } catch {
      return null;
    }
  }
  async getAllConfigInfo(): Promise<ProcessConfigInfo[]> {
    return await this.call("supervisor.getAllConfigInfo", []) as unknown as ProcessConfigInfo[];
  }
  async startProcess(name: string, options?: WaitOptions): Promise<boolean> {
    return Boolean(
      await this.call("supervisor.startProcess", [name, options?.wait ?? true], options?.signal),
    );
  }
  async startProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    return results(
      await this.call(
        "supervisor.startProcessGroup",
        [name, options?.wait ?? true],
        options?.signal,
      ),
    );
  }
  async startAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    return results(
      await this.call("supervisor.startAllProcesses", [options?.wait ?? true], options?.signal),
    );
  }
  async stopProcess(name: string, options?: WaitOptions): Promise<boolean> {
    return Boolean(
      await this.call("supervisor.stopProcess", [name, options?.wait ?? true], options?.signal),
    );
  }
  async stopProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    return results(
      await this.call(
        "supervisor.stopProcessGroup",
        [name, options?.wait ?? true],
        options?.signal,
      ),
    );
  }
  async stopAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    return results(
      await this.call("supervisor.stopAllProcesses", [options?.wait ?? true], options?.signal),
    );
  }
  async signalProcess(name: string, signal: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.signalProcess", [name, signal]));
  }
  async signalProcessGroup(name: string, signal: string): Promise<ProcessResult[]> {
    return results(await this.call("supervisor.signalProcessGroup", [name, signal]));
  }
  async signalAllProcesses(signal: string): Promise<ProcessResult[]> {
    return results(await this.call("supervisor.signalAllProcesses", [signal]));
  }
  async sendProcessStdin(name: string, chars: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.sendProcessStdin", [name, chars]));
  }
  async sendRemoteCommEvent(type: string, data: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.sendRemoteCommEvent", [type, data]));
  }
  async reloadConfig(): Promise<ConfigDiff> {
    const value = await this.call("supervisor.reloadConfig", []);
    const [added, changed, removed] =
      (Array.isArray(value) && Array.isArray(value[0]) ? value[0] : []) as string[][];
    return { added: added ?? [], changed: changed ?? [], removed: removed ?? [] };
  }
  async addProcessGroup(name: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.addProcessGroup", [name]));
  }
  async removeProcessGroup(name: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.removeProcessGroup", [name]));
  }
  async readProcessLog(
    name: string,
    channel: Channel,
    offset: number,
    length: number,
  ): Promise<string> {
    const method = channel === "stdout"
      ? "supervisor.readProcessStdoutLog"
      : "supervisor.readProcessStderrLog";
    return String(await this.call(method, [name, offset, length]));
  }
  async tailProcessLog(
    name: string,
    channel: Channel,
    offset: number,
    length: number,
  ): Promise<TailResult> {
    const method = channel === "stdout"
      ? "supervisor.tailProcessStdoutLog"
      : "supervisor.tailProcessStderrLog";
    return tailResult(await this.call(method, [name, offset, length]));
  }
  followProcessLog(name: string, channel: Channel, _backlog: number): Promise<LogFollow> {
    return Promise.resolve(this.#follow(`/logtail/${name}/${channel}`));
  }
  async clearProcessLogs(name: string): Promise<boolean> {
    return Boolean(await this.call("supervisor.clearProcessLogs", [name]));
  }
  async clearAllProcessLogs(): Promise<ProcessResult[]> {
    return results(await this.call("supervisor.clearAllProcessLogs", []));
  }
}

function results(value: XmlRpcValue): ProcessResult[] {
  return (Array.isArray(value) ? value : []) as unknown as ProcessResult[];
}

function tailResult(value: XmlRpcValue): TailResult {
  const [text, offset, overflow] = Array.isArray(value) ? value : [];
  return { text: String(text ?? ""), offset: Number(offset ?? 0), overflow: Boolean(overflow) };
}
