/** The JSON API's OpenAPI document: served, valid OpenAPI, and the same routes docs/api.md lists. */

import assert from "node:assert/strict";
import SwaggerParser from "@apidevtools/swagger-parser";
import { programGroup } from "../helpers/config_builder.ts";
import { appWorld } from "./app_world.ts";

/** `METHOD /path` of every route the document defines, paths as docs/api.md writes them. */
async function documentRoutes(): Promise<string[]> {
  await using w = appWorld([programGroup("cat", { autostart: false })]);
  const r = await w.app.request("/api/v1/openapi.json");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", /^application\/json/);
  const doc = await r.json();
  // Throws, naming the problem, when the document is not valid OpenAPI.
  await SwaggerParser.validate(structuredClone(doc));
  assert.equal(doc.openapi, "3.0.3");
  const routes: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) {
      routes.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`);
    }
  }
  return routes.sort();
}

/** `METHOD /path` of every route in docs/api.md's JSON API tables (`\| \`stop\`` rows expanded). */
async function documentedRoutes(): Promise<string[]> {
  const text = await Deno.readTextFile(new URL("../../docs/api.md", import.meta.url));
  const json = text.slice(text.indexOf("## JSON API"));
  const routes: string[] = [];
  for (const line of json.split("\n")) {
    const cell = /^\| (`(?:GET|POST|DELETE|PUT) [^|]*?`(?: \\\| `\w+`)*)/.exec(line)?.[1];
    if (cell === undefined) continue;
    const [first, ...alternatives] = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const [method, rawPath] = first!.split(" ") as [string, string];
    const path = rawPath.replace(/\?.*$/, "");
    routes.push(`${method} ${path}`);
    const base = path.slice(0, path.lastIndexOf("/"));
    for (const alt of alternatives) routes.push(`${method} ${base}/${alt}`);
  }
  return routes.sort();
}

Deno.test("GET /api/v1/openapi.json is a valid OpenAPI document", async () => {
  const routes = await documentRoutes();
  assert.ok(routes.includes("POST /processes/:name/start"));
});

Deno.test("docs/api.md lists exactly the routes of the OpenAPI document", async () => {
  const served = (await documentRoutes()).filter((r) => r !== "GET /openapi.json");
  const documented = (await documentedRoutes()).filter((r) => r !== "GET /openapi.json");
  assert.deepEqual(documented, served);
  assert.ok((await documentedRoutes()).includes("GET /openapi.json"), "api.md names the document");
});

Deno.test("bad input is a 400 naming the field, from the route's schema", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false })]);
  const cases: [string, string, unknown, string][] = [
    [
      "POST",
      "/api/v1/processes/cat/signal",
      { signal: 1 },
      'body field "signal": Invalid input: expected string, received number',
    ],
    [
      "POST",
      "/api/v1/processes/cat/stop?wait=maybe",
      undefined,
      'query "wait": must be true or false',
    ],
    ["GET", "/api/v1/log?offset=x", undefined, 'query "offset": must be an integer'],
    [
      "GET",
      "/api/v1/processes/cat/log/other",
      undefined,
      'path parameter "channel": Invalid option: expected one of "stdout"|"stderr"',
    ],
    [
      "POST",
      "/api/v1/events",
      { type: "t" },
      'body field "data": Invalid input: expected string, received undefined',
    ],
  ];
  for (const [method, path, body, message] of cases) {
    const r = await w.json(method, path, body);
    assert.deepEqual([r.status, r.body], [400, { error: { code: "BAD_REQUEST", message } }], path);
  }
});

Deno.test("a body is JSON whatever its Content-Type (curl -d sends a form type)", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false })]);
  const r = await w.app.request("/api/v1/events", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: '{"type":"t","data":"d"}',
  });
  assert.deepEqual([r.status, await r.json()], [200, { ok: true }]);
  assert.ok(w.events.some((e) => e.type === "REMOTE_COMMUNICATION"));
});
