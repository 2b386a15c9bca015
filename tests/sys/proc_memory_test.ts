import assert from "node:assert/strict";
import { readRss, readTreeRss } from "../../src/sys/proc_memory.ts";

const MB = 1024 * 1024;

/** A shell that runs a python3 holding `mb` MB until its stdin closes; the shell stays the parent. */
async function shellWithHog(mb: number) {
  const script =
    `import sys; x = bytearray(${mb} * 1024 * 1024); print("held", flush=True); sys.stdin.read()`;
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", `/usr/bin/python3 -c '${script}'; exit 0`],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("held\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the hog ended before holding its memory: ${out}`);
    out += value;
  }
  return {
    pid: child.pid,
    async [Symbol.asyncDispose]() {
      await child.stdin.close();
      while (!(await reader.read()).done) {
        // drain what is left so the stream closes
      }
      await child.status;
    },
  };
}

Deno.test("readTreeRss counts the memory a grandchild holds; readRss sees only the pid", async () => {
  await using hog = await shellWithHog(60);
  const own = readRss(hog.pid);
  const tree = readTreeRss(hog.pid);
  assert.ok(own !== null && own < 30 * MB, `the shell alone holds ${own} bytes`);
  assert.ok(tree !== null && tree > 60 * MB, `the tree holds ${tree} bytes`);
});

Deno.test("readTreeRss is null for a pid that does not exist", () => {
  // pid_max is at most 2^22 on Linux, so this pid cannot exist.
  assert.equal(readTreeRss(2 ** 22 + 1), null);
});
