/**
 * XML-RPC as supervisor speaks it: method calls and responses, encoded in the layout of Python's
 * xmlrpc.client and decoded as they arrive by a bounded streaming reader (xml_tree.ts). No DTDs, no
 * entities beyond XML's five and character references, bounded nesting and element count. A
 * `<value>` without a type is a string.
 */

import { type XmlNode, XmlTreeReader } from "./xml_tree.ts";

/** A double, kept apart from integers so that it is encoded as `<double>`. */
export class XmlRpcDouble {
  /** Wraps a number to be sent as a double. */
  constructor(readonly value: number) {}
}

/** Any XML-RPC value; integers are numbers, doubles are XmlRpcDouble when encoded. */
export type XmlRpcValue =
  | string
  | number
  | boolean
  | XmlRpcDouble
  | Date
  | Uint8Array
  | XmlRpcValue[]
  | { [key: string]: XmlRpcValue };

/** A decoded methodCall. */
export interface XmlRpcCall {
  /** The method name as sent. */
  method: string;
  /** The parameters in order. */
  params: XmlRpcValue[];
}

/** A decoded methodResponse: a value, or a fault. */
export type XmlRpcResponse =
  | { ok: true; value: XmlRpcValue }
  | { ok: false; faultCode: number; faultString: string };

/** A document that is not well-formed XML-RPC; the message says what is wrong. */
export class XmlRpcParseError extends Error {
  override name = "XmlRpcParseError";
}

/** The deepest nesting of elements a document may have. */
export const MAX_XML_DEPTH = 64;

/** The most elements a method call may have (a multicall of several hundred calls fits). */
export const MAX_XML_ELEMENTS = 10_000;

/** The most elements a method response may have (the info of some 100,000 processes). */
export const MAX_RESPONSE_ELEMENTS = 5_000_000;

// ---- encoding ----

/** Encodes a call as Python's xmlrpc.client.dumps(params, method) lays it out. */
export function encodeMethodCall(method: string, params: readonly XmlRpcValue[]): string {
  const parts = [
    `<?xml version='1.0'?>\n<methodCall>\n<methodName>${
      escapeXml(method)
    }</methodName>\n<params>\n`,
  ];
  for (const p of params) parts.push("<param>\n", encodeValue(p), "</param>\n");
  parts.push("</params>\n</methodCall>\n");
  return parts.join("");
}

/** Encodes a successful response (one value). */
export function encodeMethodResponse(value: XmlRpcValue): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${
    encodeValue(value)
  }</param>\n</params>\n</methodResponse>\n`;
}

/** Encodes a fault response. */
export function encodeFault(code: number, text: string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${
    encodeValue({ faultCode: code, faultString: text })
  }</fault>\n</methodResponse>\n`;
}

/** Encodes one value, ending with a newline like Python's marshaller. */
export function encodeValue(value: XmlRpcValue): string {
  const out: string[] = [];
  pushValue(value, out, 0);
  return out.join("");
}

function pushValue(value: XmlRpcValue, out: string[], depth: number): void {
  if (depth > MAX_XML_DEPTH) throw new RangeError("XML-RPC value nested too deeply");
  if (typeof value === "string") {
    out.push("<value><string>", escapeXml(value), "</string></value>\n");
  } else if (typeof value === "number") {
    if (Number.isInteger(value)) out.push("<value><int>", String(value), "</int></value>\n");
    else out.push("<value><double>", doubleText(value), "</double></value>\n");
  } else if (typeof value === "boolean") {
    out.push("<value><boolean>", value ? "1" : "0", "</boolean></value>\n");
  } else if (value instanceof XmlRpcDouble) {
    out.push("<value><double>", doubleText(value.value), "</double></value>\n");
  } else if (value instanceof Date) {
    out.push("<value><dateTime.iso8601>", isoBasic(value), "</dateTime.iso8601></value>\n");
  } else if (value instanceof Uint8Array) {
    out.push("<value><base64>\n", base64(value), "\n</base64></value>\n");
  } else if (Array.isArray(value)) {
    out.push("<value><array><data>\n");
    for (const v of value) pushValue(v, out, depth + 1);
    out.push("</data></array></value>\n");
  } else {
    out.push("<value><struct>\n");
    for (const [k, v] of Object.entries(value)) {
      out.push("<member>\n<name>", escapeXml(k), "</name>\n");
      pushValue(v, out, depth + 1);
      out.push("</member>\n");
    }
    out.push("</struct></value>\n");
  }
}

function doubleText(n: number): string {
  if (Number.isInteger(n)) return `${n}.0`;
  return String(n);
}

function isoBasic(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${
    p(d.getUTCHours())
  }:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Escapes text for element content as Python's xmlrpc does (&, <, >). */
export function escapeXml(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

// ---- decoding ----

type Node = XmlNode;

/**
 * One XML-RPC document read in pieces as they arrive: `write()` each piece (it throws
 * XmlRpcParseError at the first malformed byte or passed limit, so the rest need not be read),
 * then `methodCall()` or `methodResponse()`.
 *
 * @example
 * ```ts
 * import { XmlRpcReader } from "./xmlrpc_codec.ts";
 * import assert from "node:assert/strict";
 * const reader = new XmlRpcReader();
 * reader.write("<methodCall><methodName>supervisor.getS");
 * reader.write("tate</methodName></methodCall>");
 * assert.deepEqual(reader.methodCall(), { method: "supervisor.getState", params: [] });
 * ```
 */
export class XmlRpcReader {
  readonly #tree: XmlTreeReader;

  /** A reader allowing `maxElements` elements (default MAX_XML_ELEMENTS). */
  constructor(maxElements: number = MAX_XML_ELEMENTS) {
    this.#tree = new XmlTreeReader({ maxDepth: MAX_XML_DEPTH, maxElements });
  }

  /** Feeds the next piece of the document. */
  write(text: string): void {
    parsing(() => this.#tree.write(text));
  }

  /** Ends the document and decodes it as a methodCall. */
  methodCall(): XmlRpcCall {
    const root = rootElement(parsing(() => this.#tree.end()), "methodCall");
    const nameNode = child(root, "methodName");
    if (nameNode === undefined) throw new XmlRpcParseError("methodCall has no methodName");
    const method = textOf(nameNode).trim();
    const paramsNode = child(root, "params");
    const params = paramsNode === undefined ? [] : paramValues(paramsNode);
    return { method, params };
  }

  /** Ends the document and decodes it as a methodResponse. */
  methodResponse(): XmlRpcResponse {
    return decodeResponse(rootElement(parsing(() => this.#tree.end()), "methodResponse"));
  }
}

/** Runs a step of the tree reader, its errors turned into XmlRpcParseError. */
function parsing<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new XmlRpcParseError(e instanceof Error ? e.message : String(e));
  }
}

/** Decodes a methodCall document; throws XmlRpcParseError when it is not one. */
export function decodeMethodCall(xml: string): XmlRpcCall {
  const reader = new XmlRpcReader();
  reader.write(xml);
  return reader.methodCall();
}

/** Decodes a methodResponse document; throws XmlRpcParseError when it is not one. */
export function decodeMethodResponse(xml: string): XmlRpcResponse {
  const reader = new XmlRpcReader(MAX_RESPONSE_ELEMENTS);
  reader.write(xml);
  return reader.methodResponse();
}

function decodeResponse(root: Node[]): XmlRpcResponse {
  const fault = child(root, "fault");
  if (fault !== undefined) {
    const v = child(fault, "value");
    if (v === undefined) throw new XmlRpcParseError("fault has no value");
    const s = decodeValue(v, 0);
    if (typeof s !== "object" || s === null || Array.isArray(s) || s instanceof Uint8Array) {
      throw new XmlRpcParseError("fault value is not a struct");
    }
    const struct = s as Record<string, XmlRpcValue>;
    const code = struct["faultCode"];
    const text = struct["faultString"];
    return {
      ok: false,
      faultCode: typeof code === "number" ? code : Number(code),
      faultString: typeof text === "string" ? text : String(text),
    };
  }
  const paramsNode = child(root, "params");
  if (paramsNode === undefined) {
    throw new XmlRpcParseError("methodResponse has neither params nor fault");
  }
  const values = paramValues(paramsNode);
  if (values.length !== 1) {
    throw new XmlRpcParseError(`methodResponse has ${values.length} params, not 1`);
  }
  return { ok: true, value: values[0] as XmlRpcValue };
}

function rootElement(doc: Node[], name: string): Node[] {
  const root = doc.find((n) => !("#text" in n));
  if (root === undefined || !(name in root)) {
    throw new XmlRpcParseError(`the document is not a ${name}`);
  }
  return root[name] as Node[];
}

function elements(nodes: Node[]): Array<[string, Node[]]> {
  const out: Array<[string, Node[]]> = [];
  for (const n of nodes) {
    for (const key of Object.keys(n)) {
      if (key === "#text" || key === ":@") continue;
      out.push([key, n[key] as Node[]]);
    }
  }
  return out;
}

function child(nodes: Node[], name: string): Node[] | undefined {
  for (const [k, v] of elements(nodes)) if (k === name) return v;
  return undefined;
}

function textOf(nodes: Node[]): string {
  let s = "";
  for (const n of nodes) {
    if ("#text" in n) s += String(n["#text"]);
    else throw new XmlRpcParseError(`unexpected element <${Object.keys(n)[0]}> in text`);
  }
  return s;
}

function paramValues(params: Node[]): XmlRpcValue[] {
  const out: XmlRpcValue[] = [];
  for (const [k, v] of elements(params)) {
    if (k !== "param") throw new XmlRpcParseError(`unexpected <${k}> in params`);
    const value = child(v, "value");
    if (value === undefined) throw new XmlRpcParseError("param has no value");
    out.push(decodeValue(value, 0));
  }
  return out;
}

function decodeValue(value: Node[], depth: number): XmlRpcValue {
  if (depth > MAX_XML_DEPTH) throw new XmlRpcParseError("value nested too deeply");
  const typed = elements(value);
  if (typed.length === 0) return textOf(value);
  if (typed.length > 1) throw new XmlRpcParseError("value holds more than one element");
  const [type, body] = typed[0] as [string, Node[]];
  switch (type) {
    case "string":
      return textOf(body);
    case "int":
    case "i4":
    case "i8":
      return integer(textOf(body));
    case "boolean": {
      const t = textOf(body).trim();
      if (t === "1") return true;
      if (t === "0") return false;
      throw new XmlRpcParseError(`bad boolean value "${t}"`);
    }
    case "double": {
      const t = textOf(body).trim();
      const n = Number(t);
      if (t === "" || Number.isNaN(n)) throw new XmlRpcParseError(`bad double value "${t}"`);
      return new XmlRpcDouble(n);
    }
    case "dateTime.iso8601":
      return dateOf(textOf(body).trim());
    case "base64":
      return bytesOf(textOf(body));
    case "nil":
      throw new XmlRpcParseError("nil values are not supported");
    case "array": {
      const data = child(body, "data");
      if (data === undefined) throw new XmlRpcParseError("array has no data");
      const out: XmlRpcValue[] = [];
      for (const [k, v] of elements(data)) {
        if (k !== "value") throw new XmlRpcParseError(`unexpected <${k}> in array`);
        out.push(decodeValue(v, depth + 1));
      }
      return out;
    }
    case "struct": {
      const out: Record<string, XmlRpcValue> = {};
      for (const [k, member] of elements(body)) {
        if (k !== "member") throw new XmlRpcParseError(`unexpected <${k}> in struct`);
        const name = child(member, "name");
        const v = child(member, "value");
        if (name === undefined || v === undefined) {
          throw new XmlRpcParseError("struct member needs a name and a value");
        }
        Object.defineProperty(out, textOf(name), {
          value: decodeValue(v, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    default:
      throw new XmlRpcParseError(`unknown value type <${type}>`);
  }
}

function integer(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new XmlRpcParseError(`bad integer value "${t}"`);
  return Number(t);
}

function dateOf(text: string): Date {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (m === null) throw new XmlRpcParseError(`bad dateTime.iso8601 value "${text}"`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function bytesOf(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text.replace(/\s+/g, ""));
  } catch {
    throw new XmlRpcParseError("bad base64 value");
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
