/**
 * Bug 1: readers that stop reading (20 `/logtail` clients and a JSON follower that never read,
 * while the child writes about 1 MB/s) do not make the daemon's memory grow with the output; they
 * are dropped once they fall behind, and memory comes back when they go.
 */

import assert from "node:assert/strict";
import { Daemon, figure, httpGet, rssMiB, until } from "./reliability_kit.ts";

const enc = new TextEncoder();

/** About 1.3 MB/s of 'x' lines on stdout. */
const WRITER = `/bin/sh -c 'while :; do head -c 65536 /dev/zero | tr "\\\\0" x; sleep 0.05; done'`;

Deno.test("stalled log followers are bounded: RSS stays near its start and returns after", async () => {
  await using d = await Daemon.start(`
[program:writer]
command=${WRITER}
startsecs=0
stdout_logfile={{dir}}/writer.log
stdout_logfile_maxbytes=50MB
stdout_logfile_backups=0
`);
  const log = `${d.dir}/writer.log`;
  const size = () => Deno.statSync(log).size;
  await until("the writer's first output", () => size() > 0);
  const before = rssMiB(d.pid);
  const readers: Deno.Conn[] = [];
  for (let i = 0; i < 20; i++) {
    const c = await Deno.connect({ hostname: "127.0.0.1", port: d.port });
    await c.write(enc.encode(httpGet("/logtail/writer")));
    readers.push(c);
  }
  const sse = await Deno.connect({ transport: "unix", path: d.sock });
  await sse.write(enc.encode(httpGet("/api/v1/processes/writer/log/stdout/follow")));
  readers.push(sse);
  const start = size();
  let peak = before;
  await until("16 MB more output", () => {
    peak = Math.max(peak, rssMiB(d.pid));
    return size() - start > 16 * 1024 * 1024;
  }, { ms: 60_000, everyMs: 200 });
  const during = rssMiB(d.pid);
  for (const c of readers) c.close();
  // After the readers go, the daemon keeps serving; its memory settles back down.
  assert.match((await d.ctl("status", "writer")).stdout, /^writer\s+RUNNING/);
  let after = rssMiB(d.pid);
  await until("memory to settle", () => (after = rssMiB(d.pid)) - before < 64, {
    ms: 20_000,
    everyMs: 500,
  }).catch(() => {}); // the assertion below reports it
  figure("stalled_readers_rss_before", before, "MiB");
  figure("stalled_readers_rss_peak", peak, "MiB");
  figure("stalled_readers_rss_after_16MB", during, "MiB");
  figure("stalled_readers_rss_after_disconnect", after, "MiB");
  // 21 readers each holding 16 MB of output would be over 300 MiB; a bounded queue is a few MiB.
  assert.ok(peak - before < 100, `RSS grew from ${before} to ${peak} MiB`);
  assert.ok(after - before < 64, `RSS after the readers left: ${after} MiB (from ${before})`);
});
