/**
 * ControlService over the wire: XML-RPC at /RPC2 for calls, /logtail and /mainlogtail for follows,
 * on a unix socket or TCP, with Basic auth. It speaks to svisor's daemon and to Supervisor's
 * supervisord alike. Transport failures become ServerUnreachable or AuthRequired; faults RemoteFault.
 */

import { EVENT_STREAM_PATH } from "../protocol/event_stream.ts";
import {
  decodeDependencyReport,
  decodeExplanation,
  decodeUpdatePreview,
} from "../protocol/insight_codec.ts";
import { SvisorError } from "../core/errors.ts";
import { updateGroups } from "../engine/update_groups.ts";
import type {
  ControlService,
  LogFollow,
  UpdateOptions,
  WaitOptions,
} from "../protocol/control_service.ts";
import { RemoteFault } from "../protocol/faults.ts";
import {
  decodeBoolean,
  decodeConfigInfos,
  decodeDaemonState,
  decodeDiff,
  decodeInt,
  decodeProcessInfo,
  decodeProcessInfos,
  decodeResults,
  decodeString,
  decodeTail,
  ProtocolError,
} from "../protocol/rpc_values.ts";
import type { DaemonStateName } from "../protocol/states.ts";
import type {
  Channel,
  ConfigDiff,
  DependencyReport,
  Explanation,
  ProcessConfigInfo,
  ProcessInfo,
  ProcessResult,
  TailResult,
  UpdatePreview,
  UpdateReport,
} from "../protocol/types.ts";
import type { XmlRpcValue } from "../protocol/xmlrpc_codec.ts";
import { HttpClient, HttpConnectError } from "../sys/http_client.ts";
import type { CtlConnection } from "./ctl_context.ts";
import { AuthRequired, ServerUnreachable } from "./ctl_errors.ts";

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
      if (state !== null) {
        const api = typeof state === "object" && "apiVersion" in state ? state.apiVersion : null;
        return decodeString(api, "GET /api/v1/state: apiVersion");
      }
    }
    return decodeString(await this.call("supervisor.getAPIVersion", []), "getAPIVersion");
  }
  async getSupervisorVersion(): Promise<string> {
    return await this.#string("supervisor.getSupervisorVersion");
  }
  async getIdentification(): Promise<string> {
    return await this.#string("supervisor.getIdentification");
  }
  async getState(): Promise<DaemonStateName> {
    return decodeDaemonState(await this.call("supervisor.getState", []), "getState");
  }
  async getPID(): Promise<number> {
    return decodeInt(await this.call("supervisor.getPID", []), "getPID");
  }
  async readLog(offset: number, length: number): Promise<string> {
    return await this.#string("supervisor.readLog", [offset, length]);
  }
  async tailLog(offset: number, length: number): Promise<TailResult> {
    return decodeTail(await this.call("supervisor.tailLog", [offset, length]), "tailLog");
  }
  async clearLog(): Promise<void> {
    await this.#done("supervisor.clearLog");
  }
  followLog(): Promise<LogFollow> {
    return Promise.resolve(this.#follow("/mainlogtail"));
  }
  async shutdown(): Promise<void> {
    await this.#done("supervisor.shutdown");
  }
  async restart(): Promise<void> {
    await this.#done("supervisor.restart");
  }
  async getProcessInfo(name: string): Promise<ProcessInfo> {
    return decodeProcessInfo(
      await this.call("supervisor.getProcessInfo", [name]),
      "getProcessInfo",
    );
  }
  async previewUpdate(only: readonly string[] | null): Promise<UpdatePreview> {
    const query = only === null || only.length === 0
      ? ""
      : `?groups=${encodeURIComponent(only.join(","))}`;
    const path = `/api/v1/update/preview${query}`;
    const answer = await this.#getJson(path);
    if (answer !== null) return decodeUpdatePreview(answer, `GET ${path}`);
    if (this.#jsonApi === false) {
      throw new SvisorError("UNKNOWN_METHOD", "update --dry-run needs a svisor daemon");
    }
    throw new SvisorError("CANT_REREAD", "the daemon could not read its config");
  }
  async dependencies(name: string): Promise<DependencyReport> {
    const path = `/api/v1/processes/${encodeURIComponent(name)}/dependencies`;
    const answer = await this.#getJson(path);
    if (answer !== null) return decodeDependencyReport(answer, `GET ${path}`);
    if (this.#jsonApi === false) {
      throw new SvisorError("UNKNOWN_METHOD", "dependencies need a svisor daemon");
    }
    throw new SvisorError("BAD_NAME", name);
  }
  async explainProcess(name: string): Promise<Explanation> {
    const path = `/api/v1/processes/${encodeURIComponent(name)}/why`;
    const answer = await this.#getJson(path);
    if (answer !== null) return decodeExplanation(answer, `GET ${path}`);
    if (this.#jsonApi === false) {
      throw new SvisorError(
        "UNKNOWN_METHOD",
        "why needs a svisor daemon (supervisord cannot explain)",
      );
    }
    throw new SvisorError("BAD_NAME", name);
  }
  async getAllProcessInfo(): Promise<ProcessInfo[]> {
    // svisor's JSON route answers the same list several times faster to decode (1,000 processes:
    // about 150 ms of XML parsing in ctl); supervisord answers it with a 404, and XML-RPC follows.
    if (this.#jsonApi !== false) {
      const answer = await this.#getJson("/api/v1/processes");
      this.#jsonApi = answer !== null;
      if (answer !== null) {
        const list = typeof answer === "object" && "processes" in answer ? answer.processes : null;
        return decodeProcessInfos(list, "GET /api/v1/processes");
      }
    }
    return decodeProcessInfos(
      await this.call("supervisor.getAllProcessInfo", []),
      "getAllProcessInfo",
    );
  }

  /** GETs a JSON route; null when the server does not answer it with JSON (supervisord, 401). */
  async #getJson(path: string): Promise<object | null> {
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
      // Drained so the connection can be reused; a body that fails to arrive changes nothing here.
      await response.text().catch(() => "");
      return null;
    }
    const text = await response.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ProtocolError(`GET ${path}: the reply is not JSON (${(e as Error).message})`);
    }
    if (typeof value !== "object" || value === null) {
      throw new ProtocolError(`GET ${path}: the reply is not a JSON object`);
    }
    return value;
  }

  async #string(method: string, params: readonly XmlRpcValue[] = []): Promise<string> {
    return decodeString(await this.call(method, params), method);
  }
  async #done(method: string, params: readonly XmlRpcValue[] = []): Promise<void> {
    decodeBoolean(await this.call(method, params), method);
  }
  async #results(
    method: string,
    params: readonly XmlRpcValue[],
    signal?: AbortSignal,
  ): Promise<ProcessResult[]> {
    return decodeResults(await this.call(method, params, signal), method);
  }

  async getAllConfigInfo(): Promise<ProcessConfigInfo[]> {
    return decodeConfigInfos(
      await this.call("supervisor.getAllConfigInfo", []),
      "getAllConfigInfo",
    );
  }
  async startProcess(name: string, options?: WaitOptions): Promise<ProcessInfo> {
    const params = [name, options?.wait ?? true];
    decodeBoolean(
      await this.call("supervisor.startProcess", params, options?.signal),
      "startProcess",
    );
    return await this.getProcessInfo(name);
  }
  async startProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    const params = [name, options?.wait ?? true];
    return await this.#results("supervisor.startProcessGroup", params, options?.signal);
  }
  async startAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    const params = [options?.wait ?? true];
    return await this.#results("supervisor.startAllProcesses", params, options?.signal);
  }
  async stopProcess(name: string, options?: WaitOptions): Promise<ProcessInfo> {
    const params = [name, options?.wait ?? true];
    decodeBoolean(
      await this.call("supervisor.stopProcess", params, options?.signal),
      "stopProcess",
    );
    return await this.getProcessInfo(name);
  }
  async stopProcessGroup(name: string, options?: WaitOptions): Promise<ProcessResult[]> {
    const params = [name, options?.wait ?? true];
    return await this.#results("supervisor.stopProcessGroup", params, options?.signal);
  }
  async stopAllProcesses(options?: WaitOptions): Promise<ProcessResult[]> {
    const params = [options?.wait ?? true];
    return await this.#results("supervisor.stopAllProcesses", params, options?.signal);
  }
  async signalProcess(name: string, signal: string): Promise<ProcessInfo> {
    await this.#done("supervisor.signalProcess", [name, signal]);
    return await this.getProcessInfo(name);
  }
  async signalProcessGroup(name: string, signal: string): Promise<ProcessResult[]> {
    return await this.#results("supervisor.signalProcessGroup", [name, signal]);
  }
  async signalAllProcesses(signal: string): Promise<ProcessResult[]> {
    return await this.#results("supervisor.signalAllProcesses", [signal]);
  }
  async sendProcessStdin(name: string, chars: string): Promise<void> {
    await this.#done("supervisor.sendProcessStdin", [name, chars]);
  }
  async sendRemoteCommEvent(type: string, data: string): Promise<void> {
    await this.#done("supervisor.sendRemoteCommEvent", [type, data]);
  }
  async reloadConfig(): Promise<ConfigDiff> {
    return decodeDiff(await this.call("supervisor.reloadConfig", []), "reloadConfig");
  }
  async addProcessGroup(name: string): Promise<void> {
    await this.#done("supervisor.addProcessGroup", [name]);
  }
  async removeProcessGroup(name: string): Promise<void> {
    await this.#done("supervisor.removeProcessGroup", [name]);
  }
  /** supervisord has no update method: the engine's rule runs here over the calls it makes. */
  update(only: readonly string[] | null, options?: UpdateOptions): Promise<UpdateReport> {
    return updateGroups(this, only, options);
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
    return await this.#string(method, [name, offset, length]);
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
    return decodeTail(await this.call(method, [name, offset, length]), method);
  }
  followProcessLog(name: string, channel: Channel, _backlog: number): Promise<LogFollow> {
    return Promise.resolve(this.#follow(`/logtail/${name}/${channel}`));
  }
  async clearProcessLogs(name: string): Promise<void> {
    await this.#done("supervisor.clearProcessLogs", [name]);
  }
  async clearAllProcessLogs(): Promise<ProcessResult[]> {
    return await this.#results("supervisor.clearAllProcessLogs", []);
  }
}
