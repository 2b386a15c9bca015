/** Tests the log follower: the last bytes first, then appended data, truncation marker, rotation, and clean stops. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import {
  LogFollower,
  type LogFollowerOptions,
  TRUNCATED_MARKER,
} from "../../src/sys/log_follower.ts";

const dec = new TextDecoder();

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_follow_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Reads chunks until the text received so far ends with `suffix`; returns that text. */
async function readUntil(f: LogFollower, suffix: string): Promise<string> {
  let text = "";
  while (!text.endsWith(suffix)) {
    const r = await f.next();
    if (r.done) throw new Error(`follower ended after ${JSON.stringify(text)}`);
    text += dec.decode(r.value);
  }
  return text;
}

function follow(path: string, options: LogFollowerOptions = {}): Promise<LogFollower> {
  // The signal only stops a test that would otherwise hang; no assertion depends on timing.
  return LogFollower.open(path, { signal: AbortSignal.timeout(20_000), ...options });
}

Deno.test("sends the last 1024 bytes, then what is appended (event-driven)", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/app.log`;
    const old = "x".repeat(2000) + "0123456789".repeat(100) + "\n";
    await Deno.writeTextFile(path, old);
    // A one-minute poll: only a change event can deliver the appended line in time.
    await using f = await follow(path, { pollMs: 60_000 });
    assert.equal(f.watching, true);
    assert.equal(await readUntil(f, "\n"), old.slice(-1024));
    await Deno.writeTextFile(path, "appended line\n", { append: true });
    assert.equal(await readUntil(f, "appended line\n"), "appended line\n");
  });
});

Deno.test("a file shorter than head is sent whole; head 0 sends only new data", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/small.log`;
    await Deno.writeTextFile(path, "short\n");
    await using whole = await follow(path, { head: 4096 });
    assert.equal(await readUntil(whole, "short\n"), "short\n");
    await using fresh = await follow(path, { head: 0 });
    await Deno.writeTextFile(path, "new\n", { append: true });
    assert.equal(await readUntil(fresh, "new\n"), "new\n");
  });
});

Deno.test("truncation sends the marker, then the file from its start", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/t.log`;
    await Deno.writeTextFile(path, "before truncation\n");
    await using f = await follow(path);
    assert.equal(await readUntil(f, "truncation\n"), "before truncation\n");
    await Deno.truncate(path, 0);
    assert.equal(await readUntil(f, TRUNCATED_MARKER), TRUNCATED_MARKER);
    await Deno.writeTextFile(path, "after\n", { append: true });
    assert.equal(await readUntil(f, "after\n"), "after\n");
  });
});

Deno.test("rotation: the old file's last bytes, then the new file from its start, no marker", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/r.log`;
    await Deno.writeTextFile(path, "one\n");
    await using f = await follow(path, { watch: false, pollMs: 10 });
    assert.equal(await readUntil(f, "one\n"), "one\n");
    // The writer still holds the old file when it is renamed, as supervisor's rotation does.
    const writer = await Deno.open(path, { append: true });
    await Deno.rename(path, `${path}.1`);
    await writer.write(new TextEncoder().encode("two\n"));
    writer.close();
    await Deno.writeTextFile(path, "three\n");
    assert.equal(await readUntil(f, "three\n"), "two\nthree\n");
  });
});

Deno.test("polling mode follows appends too", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/p.log`;
    await Deno.writeTextFile(path, "");
    await using f = await follow(path, { watch: false, pollMs: 10 });
    assert.equal(f.watching, false);
    for (let i = 0; i < 5; i++) {
      await Deno.writeTextFile(path, `line ${i}\n`, { append: true });
      assert.equal(await readUntil(f, `line ${i}\n`), `line ${i}\n`);
    }
  });
});

Deno.test("close ends a waiting next(); abort and break end the iteration", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/c.log`;
    await Deno.writeTextFile(path, "");
    const f = await follow(path);
    const waiting = f.next();
    await f.close();
    assert.deepEqual(await waiting, { value: undefined, done: true });

    const controller = new AbortController();
    const g = await LogFollower.open(path, { signal: controller.signal });
    const pending = g.next();
    controller.abort();
    assert.deepEqual(await pending, { value: undefined, done: true });
    await g.close();

    await Deno.writeTextFile(path, "data\n");
    const h = await follow(path);
    for await (const chunk of h) {
      assert.equal(dec.decode(chunk), "data\n");
      break;
    }
    assert.deepEqual(await h.next(), { value: undefined, done: true });
  });
});

Deno.test("a missing file is NO_FILE", async () => {
  await assert.rejects(
    LogFollower.open("/nonexistent/svisor.log"),
    (e: unknown) => e instanceof SvisorError && e.code === "NO_FILE",
  );
});
