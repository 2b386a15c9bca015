import assert from "node:assert/strict";
import type { GuardLimits } from "../../src/sys/connection_guard.ts";
import { serveHttp } from "../../src/sys/http_listener.ts";

const enc = (t: string) => new TextEncoder().encode(t);

/** Reads from `conn` until it is closed; returns what came. */
async function readToEnd(conn: Deno.Conn): Promise<string> {
  const buf = new Uint8Array(4096);
  let text = "";
  try {
    for (let n = await conn.read(buf); n !== null; n = await conn.read(buf)) {
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  } catch {
    // reset
  }
  return text;
}

/** Reads what one response sent (enough for the small answers here). */
async function readSome(conn: Deno.Conn): Promise<string> {
  const buf = new Uint8Array(4096);
  const n = await conn.read(buf);
  return new TextDecoder().decode(buf.subarray(0, n ?? 0));
}

async function withServer(
  limits: GuardLimits,
  body: (path: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/s.sock`;
  const app = { fetch: () => new Response("ok") };
  const listener = await serveHttp(app, { transport: "unix", path }, { limits });
  try {
    await body(path);
  } finally {
    await listener.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a client that never finishes its headers is dropped after the deadline", async () => {
  await withServer({ maxConnections: 10, headerTimeoutMs: 200 }, async (path) => {
    const slow = await Deno.connect({ transport: "unix", path });
    await slow.write(enc("GET / HTTP/1.1\r\nHost: x\r\n"));
    assert.equal(await readToEnd(slow), "");
    slow.close();
    const good = await Deno.connect({ transport: "unix", path });
    await good.write(enc("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    assert.match(await readToEnd(good), /^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nok$/);
    good.close();
  });
});

Deno.test("working connections beyond the cap are refused at once; the others still work", async () => {
  await withServer({ maxConnections: 2, headerTimeoutMs: 60_000 }, async (path) => {
    const held: Deno.Conn[] = [];
    for (let i = 0; i < 2; i++) {
      const c = await Deno.connect({ transport: "unix", path });
      held.push(c);
      await c.write(enc("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
      assert.match(await readSome(c), /\r\n\r\nok$/);
    }
    const extra = await Deno.connect({ transport: "unix", path });
    assert.equal(await readToEnd(extra), "");
    extra.close();
    for (const c of held) {
      await c.write(enc("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      assert.match(await readToEnd(c), /\r\n\r\nok$/);
    }
    for (const c of held) c.close();
  });
});

Deno.test("a client with a request evicts the oldest connection still sending headers", async () => {
  const limits = { maxConnections: 3, headerTimeoutMs: 60_000, maxIncomplete: 2 };
  await withServer(limits, async (path) => {
    const slow = [
      await Deno.connect({ transport: "unix", path }),
      await Deno.connect({ transport: "unix", path }),
    ];
    await slow[1]!.write(enc("GET / HTTP/1.1\r\n"));
    const good = await Deno.connect({ transport: "unix", path });
    await good.write(enc("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    assert.match(await readToEnd(good), /^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nok$/);
    assert.equal(await readToEnd(slow[0]!), ""); // the oldest was closed for it
    for (const c of [...slow, good]) c.close();
  });
});
