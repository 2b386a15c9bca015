/**
 * Property-based fuzz (fast-check) of the XML-RPC decoder and the JSON routes on a real daemon:
 * bad input gets a 4xx (or, for XML-RPC, a fault), never a 5xx; the daemon stays up and its child
 * is untouched. Calls that would change processes are left out; names are never the child's.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { Daemon, figure, httpPost, statusOf } from "./reliability_kit.ts";

const RUNS = 300;

/** XML-RPC methods that only read, plus names that do not exist. */
const READ_METHODS = [
  "supervisor.getState",
  "supervisor.getProcessInfo",
  "supervisor.readProcessStdoutLog",
  "supervisor.tailProcessStderrLog",
  "supervisor.readLog",
  "supervisor.getAPIVersion",
  "system.methodHelp",
  "system.methodSignature",
  "system.listMethods",
  "system.multicall",
  "supervisor.nope",
  "../../etc/passwd",
  "",
];

/** A fragment of an XML-RPC value: well-formed, typed wrong, or broken. */
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string().map((s) => `<value><string>${s}</string></value>`),
    fc.string().map((s) => `<value>${s}</value>`),
    fc.integer().map((n) => `<value><int>${n}</int></value>`),
    fc.string({ maxLength: 8 }).map((s) => `<value><i4>${s}</i4></value>`),
    fc.constantFrom("0", "1", "2", "").map((b) => `<value><boolean>${b}</boolean></value>`),
    fc.string({ maxLength: 12 }).map((s) =>
      `<value><dateTime.iso8601>${s}</dateTime.iso8601></value>`
    ),
    fc.string({ maxLength: 12 }).map((s) => `<value><base64>${s}</base64></value>`),
    fc.constant("<value><nil/></value>"),
    fc.array(tie("v"), { maxLength: 4 }).map((vs) =>
      `<value><array><data>${vs.join("")}</data></array></value>`
    ),
    fc.array(fc.tuple(fc.string({ maxLength: 10 }), tie("v")), { maxLength: 4 }).map((ms) =>
      `<value><struct>${
        ms.map(([n, v]) => `<member><name>${n}</name>${v}</member>`).join("")
      }</struct></value>`
    ),
    fc.string({ maxLength: 20 }),
  ),
})).v;

/** A methodCall document, then perhaps cut short or with bytes changed. */
const document = fc.tuple(
  fc.constantFrom(...READ_METHODS),
  fc.array(value, { maxLength: 4 }),
  fc.constantFrom("", "<?xml version='1.0'?>", "<?xml version='1.0?>", "<!DOCTYPE x>", "\uFEFF"),
  fc.option(fc.nat(), { nil: undefined }),
  fc.option(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })), { nil: undefined }),
).map(([method, params, prolog, cut, splice]) => {
  let xml = `${prolog}<methodCall><methodName>${method}</methodName><params>${
    params.map((p) => `<param>${p}</param>`).join("")
  }</params></methodCall>`;
  if (splice !== undefined) {
    const at = splice[0] % (xml.length + 1);
    xml = xml.slice(0, at) + splice[1] + xml.slice(at + 1);
  }
  if (cut !== undefined) xml = xml.slice(0, cut % (xml.length + 1));
  return xml;
});

/** JSON routes that do not change the running child (templates; `{name}` filled in below). */
const ROUTES: Array<[string, string]> = [
  ["GET", "/api/v1/state"],
  ["GET", "/api/v1/avail"],
  ["GET", "/api/v1/processes"],
  ["GET", "/api/v1/processes/{name}"],
  ["POST", "/api/v1/processes/{name}/start"],
  ["POST", "/api/v1/processes/{name}/stop"],
  ["POST", "/api/v1/processes/{name}/signal"],
  ["POST", "/api/v1/processes/{name}/stdin"],
  ["POST", "/api/v1/groups/{name}/stop"],
  ["DELETE", "/api/v1/groups/{name}"],
  ["POST", "/api/v1/events"],
  ["GET", "/api/v1/processes/{name}/log/{channel}"],
  ["GET", "/api/v1/processes/{name}/log/{channel}/tail"],
  ["DELETE", "/api/v1/processes/{name}/logs"],
  ["GET", "/api/v1/log"],
  ["GET", "/api/v1/log/tail"],
  ["PUT", "/api/v1/state"],
  ["GET", "/api/v1/{name}"],
];

const jsonBody = fc.oneof(
  fc.json(),
  fc.string(),
  fc.dictionary(
    fc.constantFrom("signal", "wait", "chars", "data", "type", "payload", "name"),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
  ).map((o) => JSON.stringify(o)),
);

const segment = fc.string({ maxLength: 12 }).map((s) => `fz${encodeURIComponent(s)}`);

const jsonRequest = fc.tuple(
  fc.constantFrom(...ROUTES),
  segment,
  fc.constantFrom("stdout", "stderr", "stdin", "x", "%00"),
  fc.dictionary(
    fc.constantFrom("offset", "length", "wait", "backlog", "x"),
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer().map(String), fc.constant("9".repeat(30))),
    { maxKeys: 3 },
  ),
  jsonBody,
).map(([[method, template], name, channel, query, body]) => {
  const path = template.replace("{name}", name).replace("{channel}", channel);
  const qs = new URLSearchParams(query).toString();
  return { method, target: qs === "" ? path : `${path}?${qs}`, body };
});

function request(method: string, target: string, body: string): string {
  const bytes = new TextEncoder().encode(body);
  const head = `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n`;
  if (method === "GET") return `${head}\r\n`;
  return `${head}Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n${body}`;
}

Deno.test("fuzz: XML-RPC and JSON routes answer bad input with 4xx (or a fault), never 5xx", async () => {
  await using d = await Daemon.start("[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n");
  const pid = (await d.ctl("pid", "sleeper")).stdout.trim();
  const seen = new Map<number, number>();
  const count = (s: number) => seen.set(s, (seen.get(s) ?? 0) + 1);
  await fc.assert(
    fc.asyncProperty(document, async (xml) => {
      const status = statusOf(await d.raw(httpPost("/RPC2", xml), { readMs: 10_000 }));
      count(status);
      return status === 200 || (status >= 400 && status < 500);
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(jsonRequest, async ({ method, target, body }) => {
      const status = statusOf(await d.raw(request(method, target, body), { readMs: 10_000 }));
      count(status);
      return status >= 200 && status < 500;
    }),
    { numRuns: RUNS },
  );
  figure("fuzz_statuses", JSON.stringify(Object.fromEntries([...seen].sort())));
  assert.match(await d.rpc("supervisor.getState"), /RUNNING/);
  assert.equal((await d.ctl("pid", "sleeper")).stdout.trim(), pid, "the child is untouched");
  assert.doesNotMatch(await d.log(), /control server|INTERNAL|internal error/);
});
