/**
 * XML-RPC as supervisor speaks it: method calls and responses, encoded in the layout of Python's
 * xmlrpc.client and decoded with fast-xml-parser. No DTDs, no entities beyond XML's five and
 * character references, bounded nesting. A `<value>` without a type is a string.
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";

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

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

/** Decodes a methodCall document; throws XmlRpcParseError when it is not one. */
export function decodeMethodCall(xml: string): XmlRpcCall {
  const root = rootElement(xml, "methodCall");
  const nameNode = child(root, "methodName");
  if (nameNode === undefined) throw new XmlRpcParseError("methodCall has no methodName");
  const method = textOf(nameNode).trim();
  const paramsNode = child(root, "params");
  const params = paramsNode === undefined ? [] : paramValues(paramsNode);
  return { method, params };
}

/** Decodes a methodResponse document; throws XmlRpcParseError when it is not one. */
export function decodeMethodResponse(xml: string): XmlRpcResponse {
  const root = rootElement(xml, "methodResponse");
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

function rootElement(xml: string, name: string): Node[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlRpcParseError("DTDs and entities are not accepted");
  }
  checkDepth(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlRpcParseError(`line ${valid.err.line}: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as Node[];
  const root = doc.find((n) => !("#text" in n));
  if (root === undefined || !(name in root)) {
    throw new XmlRpcParseError(`the document is not a ${name}`);
  }
  return root[name] as Node[];
}

/** Rejects documents nested deeper than MAX_XML_DEPTH without building them. */
function checkDepth(xml: string): void {
  let depth = 0;
  let at = xml.indexOf("<");
  while (at !== -1) {
    const next = xml.charCodeAt(at + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 63 /* ? */ && next !== 33 /* ! */) {
      const end = xml.indexOf(">", at);
      if (end === -1) break;
      if (xml.charCodeAt(end - 1) !== 47) depth++;
      if (depth > MAX_XML_DEPTH) {
        throw new XmlRpcParseError(`elements nested deeper than ${MAX_XML_DEPTH}`);
      }
      at = xml.indexOf("<", end);
      continue;
    }
    at = xml.indexOf("<", at + 1);
  }
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
  return unescapeXml(s);
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

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Resolves XML's five named entities and character references, in one pass. */
export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return codePoint(parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith("#")) return codePoint(parseInt(ref.slice(1), 10), whole);
    const named = NAMED[ref];
    if (named === undefined) throw new XmlRpcParseError(`unknown entity "${whole}"`);
    return named;
  });
}

function codePoint(n: number, whole: string): string {
  if (!(n >= 0 && n <= 0x10ffff)) throw new XmlRpcParseError(`bad character reference "${whole}"`);
  return String.fromCodePoint(n);
}
