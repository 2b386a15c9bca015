/**
 * XML-RPC dispatch as supervisor's `traverse`: a name of exactly two dotted parts, no leading `_`,
 * found in a fixed table; arity and parameter checks; the system.* namespace with multicall.
 */

import { SvisorError } from "../core/errors.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { faultNumber, faultString } from "../protocol/faults.ts";
import type { XmlRpcValue } from "../protocol/xmlrpc_codec.ts";
import {
  type ParamKind,
  type RpcArgs,
  type RpcContext,
  type RpcMethod,
  SUPERVISOR_METHODS,
} from "./rpc_methods.ts";

/** A dispatched call: a value, or a fault number and text. */
export type RpcOutcome =
  | { ok: true; value: XmlRpcValue }
  | { ok: false; faultCode: number; faultString: string };

const SYSTEM_SIGNATURES: ReadonlyMap<string, { signature: string[]; help: string }> = new Map([
  ["system.listMethods", {
    signature: ["array"],
    help: "Return an array listing the available method names",
  }],
  ["system.methodHelp", {
    signature: ["string", "string"],
    help: "Return a string showing the method's documentation",
  }],
  ["system.methodSignature", {
    signature: ["array", "string"],
    help: "Return an array describing the method signature: [rtype, ptype, ptype...]",
  }],
  ["system.multicall", {
    signature: ["array", "array"],
    help: "Process an array of calls, and return an array of results: values or fault structs",
  }],
]);

/** Every method name, sorted as system.listMethods returns them (41). */
export function listMethods(): string[] {
  return [...SUPERVISOR_METHODS.keys(), ...SYSTEM_SIGNATURES.keys()].sort();
}

/**
 * Runs one call. Faults come back as outcomes; only errors that are not SvisorError (bugs) are
 * thrown, for the caller to answer 500.
 */
export async function dispatchRpc(
  service: ControlService,
  method: string,
  params: readonly XmlRpcValue[],
  ctx: RpcContext,
): Promise<RpcOutcome> {
  try {
    return { ok: true, value: await call(service, method, params, ctx, true) };
  } catch (e) {
    if (!(e instanceof SvisorError)) throw e;
    return {
      ok: false,
      faultCode: faultNumber(e.code),
      faultString: faultString(e.code, e.message),
    };
  }
}

async function call(
  service: ControlService,
  method: string,
  params: readonly XmlRpcValue[],
  ctx: RpcContext,
  topLevel: boolean,
): Promise<XmlRpcValue> {
  const parts = method.split(".");
  if (parts.length !== 2 || parts.some((p) => p === "" || p.startsWith("_"))) {
    throw new SvisorError("UNKNOWN_METHOD", "");
  }
  const entry = SUPERVISOR_METHODS.get(method);
  if (entry !== undefined) return await entry.call(service, checkArgs(entry, params), ctx);
  switch (method) {
    case "system.listMethods":
      arity(params, 0, 0);
      return listMethods();
    case "system.methodHelp":
      arity(params, 1, 1);
      return describe(params[0]).help;
    case "system.methodSignature":
      arity(params, 1, 1);
      return [...describe(params[0]).signature];
    case "system.multicall": {
      arity(params, 1, 1);
      const calls = params[0];
      if (!Array.isArray(calls) || !topLevel) throw new SvisorError("INCORRECT_PARAMETERS", "");
      return await multicall(service, calls, ctx);
    }
  }
  throw new SvisorError("UNKNOWN_METHOD", "");
}

async function multicall(
  service: ControlService,
  calls: readonly XmlRpcValue[],
  ctx: RpcContext,
): Promise<XmlRpcValue[]> {
  const results: XmlRpcValue[] = [];
  for (const c of calls) {
    try {
      results.push(await oneOfMany(service, c, ctx));
    } catch (e) {
      if (!(e instanceof SvisorError)) throw e;
      results.push({ faultCode: faultNumber(e.code), faultString: faultString(e.code, e.message) });
    }
  }
  return results;
}

async function oneOfMany(
  service: ControlService,
  c: XmlRpcValue,
  ctx: RpcContext,
): Promise<XmlRpcValue> {
  if (!isStruct(c)) throw new SvisorError("INCORRECT_PARAMETERS", "");
  const name = Object.hasOwn(c, "methodName") ? c["methodName"] : undefined;
  if (typeof name !== "string") throw new SvisorError("INCORRECT_PARAMETERS", "No methodName");
  if (name === "system.multicall") {
    throw new SvisorError("INCORRECT_PARAMETERS", "Recursive system.multicall forbidden");
  }
  const params = Object.hasOwn(c, "params") ? c["params"] : [];
  if (!Array.isArray(params)) throw new SvisorError("INCORRECT_PARAMETERS", "");
  return await call(service, name, params, ctx, false);
}

function isStruct(v: XmlRpcValue | undefined): v is { [k: string]: XmlRpcValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v) &&
    !(v instanceof Date) && !(v instanceof Uint8Array) &&
    Object.getPrototypeOf(v) === Object.prototype;
}

function describe(name: XmlRpcValue | undefined): { signature: readonly string[]; help: string } {
  const found = typeof name === "string"
    ? SUPERVISOR_METHODS.get(name) ?? SYSTEM_SIGNATURES.get(name)
    : undefined;
  if (found === undefined) throw new SvisorError("SIGNATURE_UNSUPPORTED", "");
  return found;
}

function arity(params: readonly XmlRpcValue[], min: number, max: number): void {
  if (params.length < min || params.length > max) {
    throw new SvisorError("INCORRECT_PARAMETERS", "");
  }
}

/** Checks arity and kinds, converting each parameter (INCORRECT_PARAMETERS on a mismatch). */
function checkArgs(entry: RpcMethod, params: readonly XmlRpcValue[]): RpcArgs {
  arity(params, entry.required ?? entry.params.length, entry.params.length);
  return params.map((p, i) => convert(entry.params[i]!, p));
}

function convert(kind: ParamKind, v: XmlRpcValue): RpcArgs[number] {
  switch (kind) {
    case "string":
      if (typeof v === "string") return v;
      break;
    case "int":
      if (typeof v === "number" && Number.isSafeInteger(v)) return v;
      break;
    case "signal":
      if (typeof v === "string") return v;
      if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
      break;
    case "wait":
      return truthy(v);
    case "any":
      return v;
  }
  throw new SvisorError("INCORRECT_PARAMETERS", "");
}

/** Python's truth rules: false, 0, '', empty array or struct are false. */
function truthy(v: XmlRpcValue): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (isStruct(v)) return Object.keys(v).length > 0;
  return true;
}
