/**
 * Bug 8: a flood of malformed XML-RPC bodies is refused while it is parsed (body size, nesting and
 * element limits apply as bytes arrive), so memory stays bounded; every answer is a 4xx.
 */

import assert from "node:assert/strict";
import { Daemon, figure, rssMiB, statusOf } from "./reliability_kit.ts";

const BODIES = 10_000;
const WORKERS = 16;

/** The first bodies, sent 16 at a time: the heavy kind. */
const WIDE = 64;

/**
 * The malformed bodies: first 64 of well-formed XML with 250,000 elements (not a methodCall a
 * server could take: refused at the element limit, where a parser that builds the whole tree
 * first holds some 20 MB per body), then deep nesting, a bad tail, and junk in turn.
 */
function body(i: number): string {
  const pad = "x".repeat(16 * 1024);
  if (i < WIDE) {
    return `<methodCall><methodName>a</methodName><params>${
      "<x/>".repeat(250_000)
    }</params></methodCall>`;
  }
  switch (i % 3) {
    case 0:
      return `<methodCall><methodName>a</methodName><params><param>${
        "<value><array><data>".repeat(400)
      }${pad}`;
    case 1:
      return `<methodCall><methodName>a</methodName><params><param><value><string>${pad}</string></value></param></params></methodCal>`;
    default:
      return `<${pad}`;
  }
}

function post(text: string): string {
  const len = new TextEncoder().encode(text).length;
  return `POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n${text}`;
}

Deno.test("10,000 malformed bodies: each is a 4xx, memory stays bounded, the daemon goes on", async () => {
  await using d = await Daemon.start("[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n");
  const pid = (await d.ctl("pid", "sleeper")).stdout.trim();
  const before = rssMiB(d.pid);
  let peak = before;
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < BODIES; i = next++) {
      const status = statusOf(await d.raw(post(body(i)), { readMs: 30_000 }));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (i < WIDE || i % 20 === 0) peak = Math.max(peak, rssMiB(d.pid));
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const after = rssMiB(d.pid);
  figure("malformed_bodies_rss_before", before, "MiB");
  figure("malformed_bodies_rss_peak", peak, "MiB");
  figure("malformed_bodies_rss_after", after, "MiB");
  figure("malformed_bodies_statuses", JSON.stringify(Object.fromEntries(statuses)));
  for (const [status, n] of statuses) {
    assert.ok(status >= 400 && status < 500, `${n} answers were ${status}`);
  }
  assert.equal((await d.ctl("pid", "sleeper")).stdout.trim(), pid, "the child is untouched");
  assert.ok(peak - before < 250, `RSS peaked at ${peak} MiB from ${before}`);
});
