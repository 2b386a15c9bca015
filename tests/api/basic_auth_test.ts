/** HTTP Basic auth on every route: 401 with supervisor's challenge, plain and {SHA} passwords. */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { checkBasicAuth, parseBasic } from "../../src/api/basic_auth.ts";
import { programGroup } from "../helpers/config_builder.ts";
import { appWorld } from "./app_world.ts";

const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;
const rpcBody =
  "<?xml version='1.0'?><methodCall><methodName>supervisor.getPID</methodName></methodCall>";

Deno.test("checkBasicAuth: plain and {SHA} passwords, wrong user, malformed headers", async () => {
  const plain = { username: "user", password: "123" };
  assert.equal(await checkBasicAuth(basic("user", "123"), plain), true);
  assert.equal(await checkBasicAuth(basic("User", "123"), plain), false);
  assert.equal(await checkBasicAuth(basic("user", ""), plain), false);
  assert.equal(await checkBasicAuth("Bearer x", plain), false);
  assert.equal(await checkBasicAuth("Basic !!!", plain), false);
  assert.equal(await checkBasicAuth(`Basic ${btoa("nocolon")}`, plain), false);
  const hex = createHash("sha1").update("s3cret").digest("hex");
  const sha = { username: "user", password: `{SHA}${hex}` };
  assert.equal(await checkBasicAuth(basic("user", "s3cret"), sha), true);
  assert.equal(await checkBasicAuth(basic("user", `{SHA}${hex}`), sha), false);
  assert.deepEqual(parseBasic(basic("a", "b:c")), { username: "a", password: "b:c" });
});

Deno.test("with a user, /RPC2, /logtail, /mainlogtail and /api/v1 answer 401 without credentials", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false })], {
    auth: { username: "user", password: "123" },
  });
  for (
    const [method, path] of [
      ["POST", "/RPC2"],
      ["GET", "/logtail/cat"],
      ["GET", "/mainlogtail"],
      ["GET", "/api/v1/state"],
      ["POST", "/api/v1/processes/cat/start"],
      ["GET", "/nothing"],
    ] as const
  ) {
    const r = await w.app.request(path, {
      method,
      headers: { Authorization: basic("user", "bad") },
      ...(method === "POST" ? { body: rpcBody } : {}),
    });
    assert.equal(r.status, 401, path);
    assert.equal(r.headers.get("www-authenticate"), 'Basic realm="default"', path);
    const text = await r.text();
    if (path.startsWith("/api/")) assert.equal(JSON.parse(text).error.code, "UNAUTHORIZED");
    else assert.match(text, /<p>Error code 401\.\n<p>Message: Unauthorized\./);
  }
  assert.equal(w.spawner.children.length, 0);
  const ok = await w.app.request("/RPC2", {
    method: "POST",
    headers: { Authorization: basic("user", "123") },
    body: rpcBody,
  });
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /<int>999<\/int>/);
  const api = await w.app.request("/api/v1/state", {
    headers: { Authorization: basic("user", "123") },
  });
  assert.equal(api.status, 200);
  await api.body?.cancel();
});

Deno.test("without a user, no credentials are needed", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false })], { auth: null });
  const r = await w.app.request("/api/v1/state");
  assert.equal(r.status, 200);
  await r.body?.cancel();
});
