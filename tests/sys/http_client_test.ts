import assert from "node:assert/strict";
import { HttpClient, HttpConnectError, parseServerUrl } from "../../src/sys/http_client.ts";

/** A raw HTTP server on a unix socket: `answer` gets each request's head and writes the reply bytes. */
async function withServer(
  answer: (head: string, conn: Deno.Conn) => Promise<void>,
  body: (url: string, connections: () => number) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/s.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  let accepted = 0;
  const serving = (async () => {
    const handlers: Promise<void>[] = [];
    for await (const conn of listener) {
      accepted++;
      handlers.push((async () => {
        const buf = new Uint8Array(65536);
        let text = "";
        try {
          while (true) {
            const n = await conn.read(buf);
            if (n === null) break;
            text += new TextDecoder().decode(buf.subarray(0, n));
            let end = text.indexOf("\r\n\r\n");
            while (end >= 0) {
              const head = text.slice(0, end);
              const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
              if (text.length < end + 4 + length) break;
              text = text.slice(end + 4 + length);
              await answer(head, conn);
              end = text.indexOf("\r\n\r\n");
            }
          }
        } catch {
          // the client went away
        } finally {
          try {
            conn.close();
          } catch {
            // closed by the answer
          }
        }
      })());
    }
    await Promise.all(handlers);
  })();
  try {
    await body(`unix://${path}`, () => accepted);
  } finally {
    listener.close();
    await serving;
    await Deno.remove(dir, { recursive: true });
  }
}

const enc = (t: string) => new TextEncoder().encode(t);

Deno.test("server URLs parse as supervisorctl's", () => {
  assert.deepEqual(parseServerUrl("http://127.0.0.1:9001"), {
    transport: "tcp",
    hostname: "127.0.0.1",
    port: 9001,
    host: "127.0.0.1:9001",
  });
  assert.equal((parseServerUrl("http://localhost") as { port: number }).port, 80);
  assert.throws(() => parseServerUrl("ftp://x"), /unknown protocol for serverurl "ftp:\/\/x"/);
});

Deno.test("a Content-Length response is read and the connection kept alive", async () => {
  const heads: string[] = [];
  await withServer(async (head, conn) => {
    heads.push(head);
    await conn.write(enc("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
  }, async (url, connections) => {
    const client = new HttpClient(url);
    for (let i = 0; i < 3; i++) {
      const r = await client.request({
        method: "POST",
        path: "/RPC2",
        body: "<x/>",
        headers: { "X-A": "1" },
      });
      assert.equal(r.status, 200);
      assert.equal(await r.text(), "hello");
    }
    assert.equal(connections(), 1);
    client.close();
  });
  assert.match(
    heads[0]!,
    /^POST \/RPC2 HTTP\/1\.1\r\nHost: localhost\r\nX-A: 1\r\nContent-Length: 4$/,
  );
});

Deno.test("a chunked response streams chunk by chunk", async () => {
  await withServer(async (_head, conn) => {
    await conn.write(enc("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
    await conn.write(enc("2;ext=1\r\nde\r\n0\r\n\r\n"));
  }, async (url) => {
    const client = new HttpClient(url);
    const r = await client.request({ method: "GET", path: "/logtail/x/stdout" });
    assert.equal(await r.text(), "abcde");
    client.close();
  });
});

Deno.test("a server that closes after the reply: the next request reconnects", async () => {
  await withServer(async (_head, conn) => {
    await conn.write(enc("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    conn.close();
  }, async (url, connections) => {
    const client = new HttpClient(url);
    assert.equal(await (await client.request({ method: "GET", path: "/" })).text(), "ok");
    assert.equal(await (await client.request({ method: "GET", path: "/" })).text(), "ok");
    assert.equal(connections(), 2);
    client.close();
  });
});

Deno.test("a 401 and a 404 come back as statuses", async () => {
  await withServer(async (head, conn) => {
    const status = head.includes("/secret") ? "401 Unauthorized" : "404 Not Found";
    await conn.write(enc(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\n\r\n`));
  }, async (url) => {
    const client = new HttpClient(url);
    assert.equal((await client.request({ method: "GET", path: "/secret" })).status, 401);
    const r = await client.request({ method: "GET", path: "/x" });
    assert.equal(r.status, 404);
    assert.equal(r.reason, "Not Found");
    assert.equal(await r.text(), "");
    client.close();
  });
});

Deno.test("cancel ends a never-ending stream; abort ends a request waiting for headers", async () => {
  await withServer(async (head, conn) => {
    if (head.includes("/silent")) return;
    await conn.write(enc("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nlive\r\n"));
  }, async (url) => {
    const client = new HttpClient(url);
    const r = await client.request({ method: "GET", path: "/stream", noReuse: true });
    const seen: string[] = [];
    for await (const chunk of r.body) {
      seen.push(new TextDecoder().decode(chunk));
      r.cancel();
    }
    assert.deepEqual(seen, ["live"]);
    const abort = new AbortController();
    const pending = client.request({ method: "GET", path: "/silent", signal: abort.signal });
    abort.abort();
    await assert.rejects(pending, (e: Error) => e.name === "AbortError");
    client.close();
  });
});

Deno.test("a missing socket is ENOENT; a closed port is ECONNREFUSED", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const missing = new HttpClient(`unix://${dir}/none.sock`);
    await assert.rejects(
      missing.request({ method: "GET", path: "/" }),
      (e) => e instanceof HttpConnectError && e.code === "ENOENT",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const refused = new HttpClient(`http://127.0.0.1:${port}`);
  await assert.rejects(
    refused.request({ method: "GET", path: "/" }),
    (e) => e instanceof HttpConnectError && e.code === "ECONNREFUSED",
  );
});
