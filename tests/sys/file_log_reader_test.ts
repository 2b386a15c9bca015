/** Tests the file log reader on what only real files show: large reads, directories, files written elsewhere. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import { fileLogReader } from "../../src/sys/file_log_reader.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_reader_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("reads a file larger than one read call, whole and by window", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/big.log`;
    let text = "";
    for (let i = 0; i < 40_000; i++) text += `line ${i}\n`;
    await Deno.writeTextFile(path, text);
    const reader = fileLogReader();
    assert.equal(await reader.read(path, 0, 0), text);
    assert.equal(await reader.read(path, 100_000, 50), text.slice(100_000, 100_050));
    assert.equal(await reader.read(path, -1600, 0), text.slice(-1600));
    const tail = await reader.tail(path, 0, 1600);
    assert.deepEqual(tail, { text: text.slice(-1600), offset: text.length, overflow: true });
  });
});

Deno.test("a directory is FAILED to read and empty to tail", async () => {
  await withDir(async (dir) => {
    const reader = fileLogReader();
    await assert.rejects(
      reader.read(dir, 0, 0),
      (e: unknown) =>
        e instanceof SvisorError && e.code === "FAILED" && e.message.startsWith(`${dir}: `),
    );
    assert.deepEqual(await reader.tail(dir, 7, 10), { text: "", offset: 7, overflow: false });
  });
});

Deno.test("NO_FILE names the path", async () => {
  await assert.rejects(
    fileLogReader().read("/nonexistent/x.log", 0, 0),
    (e: unknown) =>
      e instanceof SvisorError && e.code === "NO_FILE" &&
      e.message === "/nonexistent/x.log: no such file",
  );
});

Deno.test("invalid UTF-8 in the file becomes U+FFFD instead of failing", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/bin.log`;
    await Deno.writeFile(path, Uint8Array.of(0x61, 0xff, 0xfe, 0x62, 0x0a));
    assert.equal(await fileLogReader().read(path, 0, 0), "a\ufffd\ufffdb\n");
  });
});
