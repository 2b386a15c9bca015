/**
 * The floor under svisor's chatty row: a Deno program that only reads the chatty children's pipes
 * (adaptive BYOB reads, as the engine does) and writes each chunk to its file with `writeSync`,
 * no tail, no events, no rotation. Prints its own CPU seconds over the window.
 *
 * Usage: deno run -A chatty_floor.ts WRITER DIR COUNT RATE SETTLE_S WINDOW_S
 */

import { cpuSeconds } from "./stats.ts";

const [writer, dir, count, rate, settle, seconds] = Deno.args;
const children: Deno.ChildProcess[] = [];
const pumps: Promise<void>[] = [];
for (let i = 0; i < Number(count); i++) {
  const file = Deno.openSync(`${dir}/floor_${i}.log`, { write: true, create: true, append: true });
  const child = new Deno.Command("/usr/bin/python3", {
    args: [writer!, rate!],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  children.push(child);
  pumps.push((async () => {
    const reader = child.stdout.getReader({ mode: "byob" });
    let buffer = new ArrayBuffer(1024);
    try {
      while (true) {
        const { value, done } = await reader.read(new Uint8Array(buffer));
        if (done || value === undefined) break;
        for (let n = 0; n < value.length;) n += file.writeSync(value.subarray(n));
        const size = value.buffer.byteLength;
        buffer = value.length >= size
          ? new ArrayBuffer(Math.min(65536, size * 2))
          : value.buffer as ArrayBuffer;
      }
    } finally {
      file.close();
    }
  })());
}
await new Promise((r) => setTimeout(r, Number(settle) * 1000));
const c0 = cpuSeconds(Deno.pid);
await new Promise((r) => setTimeout(r, Number(seconds) * 1000));
const cpu = cpuSeconds(Deno.pid) - c0;
for (const c of children) c.kill("SIGKILL");
await Promise.all(children.map((c) => c.status));
await Promise.all(pumps);
console.log(JSON.stringify({ cpu }));
