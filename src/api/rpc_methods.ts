/**
 * The fixed table of supervisor.* XML-RPC methods: name -> signature, help, parameter kinds and a
 * handler that decodes, calls ControlService and encodes. Names are looked up in this Map only,
 * never as properties of an object (CVE-2017-11610).
 */

import { SvisorError } from "../core/errors.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { groupOfNamespec } from "../protocol/namespec.ts";
import {
  configInfoValue,
  daemonStateValue,
  diffValue,
  processInfoValue,
  resultsValue,
  tailValue,
} from "../protocol/rpc_values.ts";
import type { Channel } from "../protocol/types.ts";
import type { XmlRpcValue } from "../protocol/xmlrpc_codec.ts";

/**
 * How a parameter is checked and converted: `string`, `int` (an integer), `wait` (any value, taken
 * by Python's truth rules), `signal` (a name, or a number turned into text), `any` (unchecked).
 */
export type ParamKind = "string" | "int" | "wait" | "signal" | "any";

/** What a handler gets besides its parameters. */
export interface RpcContext {
  /** Aborted when the client goes away: waits end, actions already begun go on. */
  signal: AbortSignal;
}

/** Parameters after checking: strings, integers, booleans, or raw values for `any`. */
export type RpcArgs = readonly (string | number | boolean | XmlRpcValue | undefined)[];

/** One method of the table. */
export interface RpcMethod {
  /** supervisor's methodSignature: the return type, then the parameter types. */
  signature: readonly string[];
  /** The text of system.methodHelp. */
  help: string;
  /** The kind of each parameter, in order. */
  params: readonly ParamKind[];
  /** How many parameters are required (the rest are optional); default all. */
  required?: number;
  /** Calls the service with checked parameters and returns the wire value. */
  call(service: ControlService, args: RpcArgs, ctx: RpcContext): Promise<XmlRpcValue>;
}

const s = (args: RpcArgs, i: number) => args[i] as string;
const n = (args: RpcArgs, i: number) => args[i] as number;
const wait = (args: RpcArgs, i: number, ctx: RpcContext) => ({
  wait: args[i] === undefined ? true : Boolean(args[i]),
  signal: ctx.signal,
});

/** supervisor's `true` for methods that succeed or fault. */
async function done(action: Promise<unknown>): Promise<true> {
  await action;
  return true;
}

function readLogMethod(help: string): RpcMethod {
  return {
    signature: ["string", "int", "int"],
    help,
    params: ["int", "int"],
    call: async (svc, a) => await svc.readLog(n(a, 0), n(a, 1)),
  };
}

function readProcessLogMethod(channel: Channel): RpcMethod {
  return {
    signature: ["string", "string", "int", "int"],
    help: `Read length bytes of a process's ${channel} log from offset`,
    params: ["string", "int", "int"],
    call: async (svc, a) => await svc.readProcessLog(s(a, 0), channel, n(a, 1), n(a, 2)),
  };
}

function tailProcessLogMethod(channel: Channel): RpcMethod {
  return {
    signature: ["array", "string", "int", "int"],
    help: `Tail a process's ${channel} log: [bytes, offset, overflow]`,
    params: ["string", "int", "int"],
    call: async (svc, a) => tailValue(await svc.tailProcessLog(s(a, 0), channel, n(a, 1), n(a, 2))),
  };
}

const clearProcessLogs: RpcMethod = {
  signature: ["boolean", "string"],
  help: "Clear the stdout and stderr logs of a process and reopen them",
  params: ["string"],
  call: (svc, a) => done(svc.clearProcessLogs(s(a, 0))),
};

const getAPIVersion: RpcMethod = {
  signature: ["string"],
  help: "Return the version of the RPC API used by supervisord",
  params: [],
  call: async (svc) => await svc.getAPIVersion(),
};

/** Every supervisor.* method, aliases included (37). */
export const SUPERVISOR_METHODS: ReadonlyMap<string, RpcMethod> = new Map<string, RpcMethod>([
  ["supervisor.getAPIVersion", getAPIVersion],
  ["supervisor.getVersion", getAPIVersion],
  ["supervisor.getSupervisorVersion", {
    signature: ["string"],
    help: "Return the version of the supervisor package in use by supervisord",
    params: [],
    call: async (svc) => await svc.getSupervisorVersion(),
  }],
  ["supervisor.getIdentification", {
    signature: ["string"],
    help: "Return the identifying string of supervisord",
    params: [],
    call: async (svc) => await svc.getIdentification(),
  }],
  ["supervisor.getState", {
    signature: ["struct"],
    help: "Return the current state of supervisord as a struct {statecode, statename}",
    params: [],
    call: async (svc) => daemonStateValue(await svc.getState()),
  }],
  ["supervisor.getPID", {
    signature: ["int"],
    help: "Return the PID of supervisord",
    params: [],
    call: async (svc) => await svc.getPID(),
  }],
  ["supervisor.readLog", readLogMethod("Read length bytes from the main log starting at offset")],
  ["supervisor.readMainLog", readLogMethod("Read length bytes from the main log (alias)")],
  ["supervisor.clearLog", {
    signature: ["boolean"],
    help: "Clear the main log",
    params: [],
    call: (svc) => done(svc.clearLog()),
  }],
  ["supervisor.shutdown", {
    signature: ["boolean"],
    help: "Shut down the supervisor process",
    params: [],
    call: (svc) => done(svc.shutdown()),
  }],
  ["supervisor.restart", {
    signature: ["boolean"],
    help: "Restart the supervisor process",
    params: [],
    call: (svc) => done(svc.restart()),
  }],
  ["supervisor.reloadConfig", {
    signature: ["array"],
    help: "Reload the configuration: [[added, changed, removed]] group names",
    params: [],
    call: async (svc) => diffValue(await svc.reloadConfig()),
  }],
  ["supervisor.addProcessGroup", {
    signature: ["boolean", "string"],
    help: "Update the config of a running process group from the config file",
    params: ["string"],
    call: (svc, a) => done(svc.addProcessGroup(s(a, 0))),
  }],
  ["supervisor.removeProcessGroup", {
    signature: ["boolean", "string"],
    help: "Remove a stopped process group from the active configuration",
    params: ["string"],
    call: (svc, a) => done(svc.removeProcessGroup(s(a, 0))),
  }],
  ["supervisor.startProcess", {
    signature: ["boolean", "string", "boolean"],
    help: "Start a process (a name, group:name or group:*)",
    params: ["string", "wait"],
    required: 1,
    call: async (svc, a, ctx) => {
      const group = groupOfNamespec(s(a, 0));
      if (group !== null) return resultsValue(await svc.startProcessGroup(group, wait(a, 1, ctx)));
      return await done(svc.startProcess(s(a, 0), wait(a, 1, ctx)));
    },
  }],
  ["supervisor.startProcessGroup", {
    signature: ["array", "string", "boolean"],
    help: "Start all processes in a group",
    params: ["string", "wait"],
    required: 1,
    call: async (svc, a, ctx) =>
      resultsValue(await svc.startProcessGroup(s(a, 0), wait(a, 1, ctx))),
  }],
  ["supervisor.startAllProcesses", {
    signature: ["array", "boolean"],
    help: "Start all processes listed in the configuration file",
    params: ["wait"],
    required: 0,
    call: async (svc, a, ctx) => resultsValue(await svc.startAllProcesses(wait(a, 0, ctx))),
  }],
  ["supervisor.stopProcess", {
    signature: ["boolean", "string", "boolean"],
    help: "Stop a process (a name, group:name or group:*)",
    params: ["string", "wait"],
    required: 1,
    call: async (svc, a, ctx) => {
      const group = groupOfNamespec(s(a, 0));
      if (group !== null) return resultsValue(await svc.stopProcessGroup(group, wait(a, 1, ctx)));
      return await done(svc.stopProcess(s(a, 0), wait(a, 1, ctx)));
    },
  }],
  ["supervisor.stopProcessGroup", {
    signature: ["array", "string", "boolean"],
    help: "Stop all processes in a group",
    params: ["string", "wait"],
    required: 1,
    call: async (svc, a, ctx) => resultsValue(await svc.stopProcessGroup(s(a, 0), wait(a, 1, ctx))),
  }],
  ["supervisor.stopAllProcesses", {
    signature: ["array", "boolean"],
    help: "Stop all processes in the process list",
    params: ["wait"],
    required: 0,
    call: async (svc, a, ctx) => resultsValue(await svc.stopAllProcesses(wait(a, 0, ctx))),
  }],
  ["supervisor.signalProcess", {
    signature: ["boolean", "string", "string"],
    help: "Send a signal (name or number) to a process",
    params: ["string", "signal"],
    call: async (svc, a) => {
      const group = groupOfNamespec(s(a, 0));
      if (group !== null) return resultsValue(await svc.signalProcessGroup(group, s(a, 1)));
      return await done(svc.signalProcess(s(a, 0), s(a, 1)));
    },
  }],
  ["supervisor.signalProcessGroup", {
    signature: ["array", "string", "string"],
    help: "Send a signal to all processes in a group",
    params: ["string", "signal"],
    call: async (svc, a) => resultsValue(await svc.signalProcessGroup(s(a, 0), s(a, 1))),
  }],
  ["supervisor.signalAllProcesses", {
    signature: ["array", "string"],
    help: "Send a signal to all processes in the process list",
    params: ["signal"],
    call: async (svc, a) => resultsValue(await svc.signalAllProcesses(s(a, 0))),
  }],
  ["supervisor.getProcessInfo", {
    signature: ["struct", "string"],
    help: "Get info about a process named name",
    params: ["string"],
    call: async (svc, a) => processInfoValue(await svc.getProcessInfo(s(a, 0))),
  }],
  ["supervisor.getAllProcessInfo", {
    signature: ["array"],
    help: "Get info about all processes",
    params: [],
    call: async (svc) => (await svc.getAllProcessInfo()).map(processInfoValue),
  }],
  ["supervisor.getAllConfigInfo", {
    signature: ["array"],
    help: "Get info about all available process configurations",
    params: [],
    call: async (svc) => (await svc.getAllConfigInfo()).map(configInfoValue),
  }],
  ["supervisor.sendProcessStdin", {
    signature: ["boolean", "string", "string"],
    help: "Send a string of chars to the stdin of the process name",
    params: ["string", "any"],
    call: (svc, a) => done(svc.sendProcessStdin(s(a, 0), stdinText(a[1]))),
  }],
  ["supervisor.sendRemoteCommEvent", {
    signature: ["boolean", "string", "string"],
    help: "Send an event that will be received by event listener subprocesses",
    params: ["string", "string"],
    call: (svc, a) => done(svc.sendRemoteCommEvent(s(a, 0), s(a, 1))),
  }],
  ["supervisor.readProcessStdoutLog", readProcessLogMethod("stdout")],
  ["supervisor.readProcessLog", readProcessLogMethod("stdout")],
  ["supervisor.readProcessStderrLog", readProcessLogMethod("stderr")],
  ["supervisor.tailProcessStdoutLog", tailProcessLogMethod("stdout")],
  ["supervisor.tailProcessLog", tailProcessLogMethod("stdout")],
  ["supervisor.tailProcessStderrLog", tailProcessLogMethod("stderr")],
  ["supervisor.clearProcessLogs", clearProcessLogs],
  ["supervisor.clearProcessLog", clearProcessLogs],
  ["supervisor.clearAllProcessLogs", {
    signature: ["array"],
    help: "Clear all process log files",
    params: [],
    call: async (svc) => resultsValue(await svc.clearAllProcessLogs()),
  }],
]);

/** sendProcessStdin's chars: text or base64 bytes (UTF-8); anything else is INCORRECT_PARAMETERS. */
function stdinText(v: RpcArgs[number]): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  throw new SvisorError("INCORRECT_PARAMETERS", scalarText(v));
}

/** A value as Python's str() would show a scalar (used in fault texts). */
export function scalarText(v: RpcArgs[number]): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string" || typeof v === "number") return String(v);
  return "";
}
