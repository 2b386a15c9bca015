/** /logtail and /mainlogtail: backlog then live chunks, 404 for unknown names, the follow closed on cancel. */

import assert from "node:assert/strict";
import { createApp } from "../../src/api/create_app.ts";
import type { ControlService, LogFollow } from "../../src/protocol/control_service.ts";
import { SvisorError } from "../../src/core/errors.ts";
import { programGroup } from "../helpers/config_builder.ts";
import { settle } from "../helpers/fake_clock.ts";
import { appWorld } from "./app_world.ts";

Deno.test("/logtail/<name> sends the last 1024 bytes, then live output, as text/plain", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false, startsecs: 0 })]);
  await w.engine.startProcess("cat");
  const child = w.spawner.last("/bin/cat");
  child.write("x".repeat(2000) + "\n");
  await settle();
  const r = await w.app.request("/logtail/cat");
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "text/plain;charset=utf-8");
  assert.equal(r.headers.get("x-accel-buffering"), "no");
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  const first = decoder.decode((await reader.read()).value);
  assert.equal(first.length, 1024);
  assert.ok(first.endsWith("x\n"));
  child.write("live\n");
  assert.equal(decoder.decode((await reader.read()).value), "live\n");
  await reader.cancel();
  const err = await w.app.request("/logtail/cat/stderr");
  assert.equal(err.status, 200);
  await err.body?.cancel();
});

Deno.test("/logtail answers 404 for an unknown name, a bad channel, and 400 for POST", async () => {
  await using w = appWorld([programGroup("cat", { autostart: false })]);
  for (
    const path of ["/logtail/nosuch", "/logtail/cat/foo", "/logtail/", "/logtail/cat/stdout/x"]
  ) {
    const r = await w.app.request(path);
    assert.equal(r.status, 404, path);
    await r.body?.cancel();
  }
  const post = await w.app.request("/logtail/cat", { method: "POST" });
  assert.equal(post.status, 400);
  await post.body?.cancel();
});

Deno.test("/mainlogtail sends the main log's tail then new lines; cancel closes the follow", async () => {
  let closed = false;
  const pushes: ((t: string) => void)[] = [];
  const follow: LogFollow = {
    close: () => (closed = true),
    async *[Symbol.asyncIterator]() {
      while (!closed) {
        const text = await new Promise<string>((resolve) => pushes.push(resolve));
        if (!closed) yield text;
      }
    },
  };
  const service = {
    tailLog: (_o: number, length: number) =>
      Promise.resolve({ text: `tail ${length}\n`, offset: 9, overflow: false }),
    followLog: () => Promise.resolve(follow),
  } as unknown as ControlService;
  const app = createApp({ service });
  const r = await app.request("/mainlogtail");
  assert.equal(r.status, 200);
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode((await reader.read()).value), "tail 1024\n");
  const next = reader.read();
  await settle();
  pushes.shift()?.("line\n");
  assert.equal(decoder.decode((await next).value), "line\n");
  const pending = reader.read();
  await settle();
  await reader.cancel();
  assert.equal(closed, true);
  pushes.shift()?.("");
  await pending;
});

Deno.test("/mainlogtail without a main log file is 404", async () => {
  const service = {
    tailLog: () => Promise.reject(new SvisorError("NO_FILE", "None")),
  } as unknown as ControlService;
  const r = await createApp({ service }).request("/mainlogtail");
  assert.equal(r.status, 404);
  await r.body?.cancel();
});
