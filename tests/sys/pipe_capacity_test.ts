/** Tests pipe widening on a real child: after it, the child writes 1 MiB without a reader. */

import assert from "node:assert/strict";
import { openLibc } from "../../src/sys/libc.ts";
import { libcPipeTuner, WIDE_PIPE_BYTES } from "../../src/sys/pipe_capacity.ts";
import { chunkSource, MAX_READ } from "../../src/engine/chunk_reader.ts";

// Waits for a line on stdin, writes 1 MiB to stdout without blocking (a default pipe takes only
// 64 KiB of it), says how much went in on stderr, and waits for stdin to close.
const WRITER = `import os, sys
sys.stdin.readline()
os.set_blocking(1, False)
data = b"y" * ${WIDE_PIPE_BYTES}
done = 0
try:
    while done < len(data):
        done += os.write(1, data[done:])
except BlockingIOError:
    pass
sys.stderr.write("written %d\\n" % done)
sys.stderr.flush()
sys.stdin.read()
`;

Deno.test("a widened pipe holds 1 MiB, and the reader takes it in reads over 64 KiB", async () => {
  const opened = openLibc();
  if (!opened.ok) throw new Error(opened.reason);
  try {
    const child = new Deno.Command("/usr/bin/python3", {
      args: ["-c", WRITER],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const tuner = libcPipeTuner(opened.libc);
    assert.equal(tuner.widen(child.pid, 1), WIDE_PIPE_BYTES);
    const stdin = child.stdin.getWriter();
    await stdin.write(new TextEncoder().encode("go\n"));
    // The whole MiB is in the pipe before anything reads it.
    const said = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    assert.equal((await said.read()).value, `written ${WIDE_PIPE_BYTES}\n`);
    const source = chunkSource(child.stdout);
    source.widen(WIDE_PIPE_BYTES);
    let total = 0;
    let largest = 0;
    while (total < WIDE_PIPE_BYTES) {
      const chunk = await source.read();
      if (chunk === null) break;
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    assert.equal(total, WIDE_PIPE_BYTES);
    assert.ok(largest > MAX_READ, `largest read ${largest}`);
    await stdin.close();
    source.release();
    await child.stdout.cancel();
    await said.cancel();
    await child.status;
  } finally {
    opened.close();
  }
});

Deno.test("widening a pid that is gone, or an fd that is not a pipe, changes nothing", async () => {
  const opened = openLibc();
  if (!opened.ok) throw new Error(opened.reason);
  try {
    const tuner = libcPipeTuner(opened.libc);
    const child = new Deno.Command("/bin/true", { stdout: "null", stderr: "null" }).spawn();
    await child.status;
    assert.equal(tuner.widen(child.pid, 1), 0);
    assert.equal(tuner.widen(Deno.pid, 0x7fff), 0);
    assert.equal(libcPipeTuner(null).widen(Deno.pid, 1), 0);
  } finally {
    opened.close();
  }
});
