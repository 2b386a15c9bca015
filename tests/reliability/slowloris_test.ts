/**
 * Bug 3: slow connections (slowloris: headers sent a byte at a time, never finished) cannot lock
 * working clients out of the TCP control port, before any credentials; the unix socket is
 * unaffected. Memory is measured before, under and after the flood.
 */

import assert from "node:assert/strict";
import { Daemon, figure, httpPost, methodCall, rssMiB, statusOf } from "./reliability_kit.ts";

const enc = new TextEncoder();
const SLOW = 300; // more than the 256-connection cap

Deno.test("300 slowloris connections: every legitimate TCP and unix request is answered", async () => {
  await using d = await Daemon.start("", { extra: "" });
  const before = rssMiB(d.pid);
  const slow: Deno.Conn[] = [];
  const open = async () => {
    const c = await Deno.connect({ hostname: "127.0.0.1", port: d.port });
    await c.write(enc.encode("POST /RPC2 HTTP/1.1\r\nHost: x\r\n")).catch(() => 0);
    slow.push(c);
  };
  for (let i = 0; i < SLOW; i++) await open();
  const request = httpPost("/RPC2", methodCall("supervisor.getState"));
  let answered = 0;
  let probes = 0;
  for (let round = 0; round < 3; round++) {
    // The flood goes on: the attacker reconnects and trickles more header bytes.
    for (let i = 0; i < 50; i++) await open();
    for (const c of slow) await c.write(enc.encode("X")).catch(() => 0);
    for (let i = 0; i < 10; i++) {
      probes++;
      const tcp = await d.raw(request, { tcp: true, readMs: 10_000 });
      if (statusOf(tcp) === 200) answered++;
      assert.equal(statusOf(await d.raw(request)), 200, "the unix socket answers");
    }
  }
  const during = rssMiB(d.pid);
  for (const c of slow) {
    try {
      c.close();
    } catch {
      // closed by the daemon already (evicted)
    }
  }
  figure("slowloris_tcp_probes_answered", `${answered}/${probes}`);
  figure("slowloris_rss_before", before, "MiB");
  figure("slowloris_rss_during", during, "MiB");
  assert.equal(answered, probes, `${answered} of ${probes} TCP probes answered`);
  assert.match(await d.rpc("supervisor.getState"), /RUNNING/);
  figure("slowloris_rss_after", rssMiB(d.pid), "MiB");
  assert.ok(during - before < 100, `RSS ${before} -> ${during} MiB`);
});
