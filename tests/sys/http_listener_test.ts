/** The HTTP listener on real unix sockets and TCP: mode, stale and live sockets, requests, streams, close. */

import assert from "node:assert/strict";
import {
  AddressInUseError,
  NotASocketError,
  probeUnixSocket,
  serveHttp,
} from "../../src/sys/http_listener.ts";
import { HttpClient } from "../../src/sys/http_client.ts";

const hello = { fetch: () => new Response("hello\n") };

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "svisor-listener-" });
}

Deno.test("serves on a unix socket with mode 0700 and unlinks it on close", async () => {
  const dir = await tempDir();
  try {
    const path = `${dir}/s.sock`;
    assert.equal(await probeUnixSocket(path), "absent");
    const listener = await serveHttp(hello, { transport: "unix", path });
    const info = await Deno.stat(path);
    assert.equal(info.isSocket, true);
    assert.equal(info.mode! & 0o777, 0o700);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["s.sock"]);
    assert.equal(await probeUnixSocket(path), "live");
    const client = new HttpClient(`unix://${path}`);
    const r = await client.request({ method: "GET", path: "/" });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "hello\n");
    client.close();
    await listener.close();
    assert.equal(await probeUnixSocket(path), "absent");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a configured mode is applied; a stale socket file is replaced", async () => {
  const dir = await tempDir();
  try {
    const path = `${dir}/s.sock`;
    const first = await serveHttp(hello, { transport: "unix", path });
    // A stale socket: a hard link to the live one survives its server's close.
    await Deno.link(path, `${dir}/old.sock`);
    await first.close();
    await Deno.rename(`${dir}/old.sock`, path);
    assert.equal(await probeUnixSocket(path), "stale");
    await using second = await serveHttp(hello, { transport: "unix", path, mode: 0o770 });
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o770);
    assert.equal(await probeUnixSocket(path), "live");
    assert.equal(second.address.transport, "unix");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a live socket is AddressInUseError; a regular file in the way is refused", async () => {
  const dir = await tempDir();
  try {
    const path = `${dir}/s.sock`;
    await using _live = await serveHttp(hello, { transport: "unix", path });
    await assert.rejects(serveHttp(hello, { transport: "unix", path }), AddressInUseError);
    const file = `${dir}/plain`;
    await Deno.writeTextFile(file, "keep me");
    await assert.rejects(
      serveHttp(hello, { transport: "unix", path: file }),
      NotASocketError,
      `"${file}" is a regular file, not a socket`,
    );
    assert.equal(await Deno.readTextFile(file), "keep me");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("serves on TCP 127.0.0.1 with a picked port", async () => {
  await using listener = await serveHttp(hello, {
    transport: "tcp",
    hostname: "127.0.0.1",
    port: 0,
  });
  assert.equal(listener.address.transport, "tcp");
  const port = listener.address.transport === "tcp" ? listener.address.port : 0;
  assert.ok(port > 0);
  const client = new HttpClient(`http://127.0.0.1:${port}`);
  const r = await client.request({ method: "GET", path: "/x" });
  assert.equal(await r.text(), "hello\n");
  client.close();
});

Deno.test("close ends an open stream whose handler watches the request signal", async () => {
  const dir = await tempDir();
  try {
    const path = `${dir}/s.sock`;
    let aborted = false;
    const streaming = {
      fetch: (request: Request) => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("first\n"));
            request.signal.addEventListener("abort", () => {
              aborted = true;
              controller.close();
            });
          },
        });
        return new Response(body);
      },
    };
    const listener = await serveHttp(streaming, { transport: "unix", path });
    const client = new HttpClient(`unix://${path}`);
    const r = await client.request({ method: "GET", path: "/stream", noReuse: true });
    const it = r.body[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(new TextDecoder().decode(first.value), "first\n");
    await listener.close();
    assert.equal(aborted, true);
    for (;;) if ((await it.next()).done) break;
    client.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
