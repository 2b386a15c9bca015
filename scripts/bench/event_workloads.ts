/**
 * The event benchmarks: events a second delivered to a listener that answers at once (svisor and
 * supervisord), and daemon CPU plus `ctl status` latency while SSE subscribers follow restarting
 * processes (svisor only: supervisord has no event stream).
 */

import { header } from "./configs.ts";
import { cpuSeconds, median } from "./stats.ts";
import type { System } from "./systems.ts";
import { type BenchParams, type Measurements, waitFor } from "./workloads.ts";

/** A listener that answers OK at once and, on the DONE line, writes `count first last` (ns). */
const FAST_LISTENER_PY = `import sys, time
out = sys.argv[1]
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
count, first = 0, None
while True:
    stdout.write(b"READY\\n"); stdout.flush()
    header = stdin.readline()
    if not header:
        break
    n = int(header.rsplit(b"len:", 1)[1])
    payload = stdin.read(n)
    count += 1
    if first is None:
        first = time.time_ns()
    stdout.write(b"RESULT 2\\nOK"); stdout.flush()
    if b"DONE" in payload:
        with open(out, "w") as f:
            f.write("%d %d %d\\n" % (count, first, time.time_ns()))
`;

/**
 * A child that writes `count` capture-mode blocks in a burst, then a DONE block: each block is one
 * PROCESS_COMMUNICATION_STDOUT event however the reads split the bytes.
 */
const BLOCKS_PY = `import os, sys, time
time.sleep(1.5)
block = b"<!--XSUPERVISOR:BEGIN-->%d<!--XSUPERVISOR:END-->"
n = int(sys.argv[1])
# In runs of 50: supervisord's record_output recurses once per token in a read, and a read of
# thousands of blocks passes Python's recursion limit.
for start in range(0, n, 50):
    os.write(1, b"".join(block % i for i in range(start, min(n, start + 50))))
    time.sleep(0.002)
os.write(1, block.replace(b"%d", b"DONE") + b"\\n" * 30)
time.sleep(1000)
`;

/** Events a second: a writer's capture blocks (one event each) to one listener, first to last. */
export async function listenerSession(
  sys: System,
  blocks: number,
  p: BenchParams,
): Promise<Measurements> {
  await Deno.writeTextFile(`${p.dir}/listener.py`, FAST_LISTENER_PY);
  await Deno.writeTextFile(`${p.dir}/blocks.py`, BLOCKS_PY);
  const result = `${p.dir}/result.txt`;
  const conf = `${p.dir}/events.conf`;
  await Deno.writeTextFile(
    conf,
    header(p) + `
[eventlistener:fast]
command = /usr/bin/python3 ${p.dir}/listener.py ${result}
events = PROCESS_COMMUNICATION_STDOUT
buffer_size = 1000000
startsecs = 0
stdout_logfile = NONE
stderr_logfile = NONE

[program:writer]
command = /usr/bin/python3 ${p.dir}/blocks.py ${blocks}
startsecs = 0
stdout_capture_maxbytes = 1KB
stdout_logfile = NONE
stderr_logfile = NONE
`,
  );
  const d = await sys.start(conf, p.port);
  try {
    await waitFor("the listener's DONE", async () => {
      return (await Deno.readTextFile(result).catch(() => "")).endsWith("\n");
    });
  } finally {
    await d.stop();
  }
  const [count, first, last] = (await Deno.readTextFile(result)).trim().split(" ").map(Number);
  return {
    [`events/s to a listener that answers at once (${blocks} events)`]: count! /
      ((last! - first!) / 1e9),
  };
}

/** Daemon CPU and ctl status while `subscribers` SSE clients follow `n` restarting processes. */
export async function streamSession(
  sys: System,
  n: number,
  subscribers: number,
  seconds: number,
  p: BenchParams,
): Promise<Measurements> {
  let text = header(p);
  for (let i = 0; i < n; i++) {
    text += `
[program:r${i}]
command = /bin/sh -c 'sleep 1; exit 0'
startsecs = 0
autorestart = true
stdout_logfile = NONE
stderr_logfile = NONE
`;
  }
  const conf = `${p.dir}/stream.conf`;
  await Deno.writeTextFile(conf, text);
  const d = await sys.start(conf, p.port);
  // The same daemon before anyone subscribes: what the subscribers add to a status, and what
  // ctl's start-up and the restarting alone cost.
  await new Promise((r) => setTimeout(r, 2000));
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) alone.push((await d.ctl(["status"])).seconds);
  const abort = new AbortController();
  let received = 0;
  const readers = Array.from({ length: subscribers }, async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${p.port}/api/v1/events`, {
        signal: abort.signal,
      });
      for await (const chunk of res.body!) received += chunk.length;
    } catch {
      // Aborted at the end of the window: the expected way out.
    }
  });
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const c0 = cpuSeconds(d.pid);
    const t0 = performance.now();
    const times: number[] = [];
    while (performance.now() - t0 < seconds * 1000) {
      const r = await d.ctl(["status"]);
      if (r.code !== 0 && r.code !== 3) throw new Error(`status exited ${r.code}`);
      times.push(r.seconds);
    }
    const cpu = cpuSeconds(d.pid) - c0;
    if (received === 0) throw new Error("the SSE subscribers received nothing");
    return {
      [`${subscribers} SSE subscribers, ${n} restarting: daemon CPU over ${seconds} s (s)`]: cpu,
      [`${subscribers} SSE subscribers, ${n} restarting: ctl status (s)`]: median(times),
      [`no SSE subscribers, ${n} restarting: ctl status (s)`]: median(alone),
    };
  } finally {
    abort.abort();
    // The daemon goes first: with 100 busy streams an aborted fetch's body may not end until its
    // connection closes (awaiting the readers first hung the bench for minutes).
    await d.stop();
    await Promise.all(readers);
  }
}
