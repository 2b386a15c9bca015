/** One contract suite for LogSinkFactory + LogReader, run against the Deno files and the in-memory fake. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import type { LogReader, LogSinkFactory } from "../../src/core/ports.ts";

/** What the contract needs: a factory, a reader over the same files, a directory to name files in. */
export interface LogWorld extends AsyncDisposable {
  /** The sinks under test. */
  sinks: LogSinkFactory;
  /** A reader over the same files. */
  reader: LogReader;
  /** A directory (real or fake) where new files may be named. */
  dir: string;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Registers the contract tests, each with a fresh world from `makeWorld`. */
export function logSinkContract(label: string, makeWorld: () => Promise<LogWorld>): void {
  const test = (name: string, fn: (w: LogWorld) => Promise<void>) =>
    Deno.test(`${label}: ${name}`, async () => {
      await using world = await makeWorld();
      await fn(world);
    });

  test("bytes come back exactly, in order", async ({ sinks, reader, dir }) => {
    const sink = await sinks.open({
      path: `${dir}/a.log`,
      maxbytes: 0,
      backups: 0,
      stripAnsi: false,
    });
    assert.equal(sink.path, `${dir}/a.log`);
    for (const part of ["one\n", "two", " and a half\n", "", "héllo\n"]) {
      await sink.write(enc(part));
    }
    await sink.close();
    assert.equal(await reader.read(`${dir}/a.log`, 0, 0), "one\ntwo and a half\nhéllo\n");
  });

  test("rotates after the write that reaches maxbytes, oldest in the highest number", async (w) => {
    const path = `${w.dir}/r.log`;
    const sink = await w.sinks.open({ path, maxbytes: 10, backups: 2, stripAnsi: false });
    for (const part of ["12345", "67890", "abc", "defghijklm", "tail"]) await sink.write(enc(part));
    await sink.close();
    assert.equal(await w.reader.read(`${path}.2`, 0, 0), "1234567890");
    assert.equal(await w.reader.read(`${path}.1`, 0, 0), "abcdefghijklm");
    assert.equal(await w.reader.read(path, 0, 0), "tail");
  });

  test("writeNow (where a sink has it) keeps order with write and rotates the same", async (w) => {
    const path = `${w.dir}/now.log`;
    const sink = await w.sinks.open({ path, maxbytes: 10, backups: 2, stripAnsi: false });
    const put = async (s: string) => {
      if (!(sink.writeNow?.(enc(s)) ?? false)) await sink.write(enc(s));
    };
    await put("12345");
    const pending = sink.write(enc("67890"));
    // A write is pending: writing at once would jump the queue, so nothing is done.
    assert.equal(sink.writeNow?.(enc("jumped")) ?? false, false);
    await pending;
    for (const part of ["abc", "defghijklm", "tail"]) await put(part);
    await sink.close();
    assert.equal(await w.reader.read(`${path}.2`, 0, 0), "1234567890");
    assert.equal(await w.reader.read(`${path}.1`, 0, 0), "abcdefghijklm");
    assert.equal(await w.reader.read(path, 0, 0), "tail");
  });

  test("backups 0 truncates, maxbytes 0 never rotates", async (w) => {
    const t = await w.sinks.open({
      path: `${w.dir}/t.log`,
      maxbytes: 4,
      backups: 0,
      stripAnsi: false,
    });
    await t.write(enc("abcdef"));
    await t.write(enc("gh"));
    await t.close();
    assert.equal(await w.reader.read(`${w.dir}/t.log`, 0, 0), "gh");
    await assert.rejects(w.reader.read(`${w.dir}/t.log.1`, 0, 0), isCode("NO_FILE"));
    const n = await w.sinks.open({
      path: `${w.dir}/n.log`,
      maxbytes: 0,
      backups: 3,
      stripAnsi: false,
    });
    for (let i = 0; i < 100; i++) await n.write(enc("0123456789"));
    await n.close();
    assert.equal((await w.reader.read(`${w.dir}/n.log`, 0, 0)).length, 1000);
  });

  test("stripAnsi removes escapes, even split across writes", async (w) => {
    const path = `${w.dir}/c.log`;
    const sink = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: true });
    for (const part of ["\x1b[1;3", "1mred\x1b", "[0m plain\n", "end\x1b"]) {
      await sink.write(enc(part));
    }
    await sink.close();
    assert.equal(await w.reader.read(path, 0, 0), "red plain\nend\x1b");
  });

  test("clear empties the file and writing goes on; reopen keeps it", async (w) => {
    const path = `${w.dir}/x.log`;
    const sink = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: false });
    await sink.write(enc("old\n"));
    await sink.clear();
    assert.equal(await w.reader.read(path, 0, 0), "");
    await sink.write(enc("new\n"));
    await sink.reopen();
    await sink.write(enc("more\n"));
    await sink.close();
    await sink.write(enc("after close\n"));
    assert.equal(await w.reader.read(path, 0, 0), "new\nmore\n");
  });

  test("an existing file is appended to", async (w) => {
    const path = `${w.dir}/keep.log`;
    const first = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: false });
    await first.write(enc("first\n"));
    await first.close();
    const second = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: false });
    await second.write(enc("second\n"));
    await second.close();
    assert.equal(await w.reader.read(path, 0, 0), "first\nsecond\n");
  });

  test("NONE gives a sink with path null that takes writes", async (w) => {
    const sink = await w.sinks.open({ path: null, maxbytes: 10, backups: 1, stripAnsi: true });
    assert.equal(sink.path, null);
    await sink.write(enc("dropped"));
    await sink.reopen();
    await sink.clear();
    await sink.close();
  });

  test("reader: offsets and tails by supervisor's rules", async (w) => {
    const path = `${w.dir}/60.log`;
    const text = "0123456789".repeat(6);
    const sink = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: false });
    await sink.write(enc(text));
    await sink.close();
    assert.equal(await w.reader.read(path, -10, 0), text.slice(50));
    assert.equal(await w.reader.read(path, 5, 3), "567");
    assert.equal(await w.reader.read(path, 55, 0), "56789");
    await assert.rejects(w.reader.read(path, -1, 1), isCode("BAD_ARGUMENTS"));
    await assert.rejects(w.reader.read(path, 0, -1), isCode("BAD_ARGUMENTS"));
    assert.deepEqual(await w.reader.tail(path, 50, 100), { text, offset: 60, overflow: false });
    assert.deepEqual(await w.reader.tail(path, 0, 20), {
      text: text.slice(40),
      offset: 60,
      overflow: true,
    });
    assert.deepEqual(await w.reader.tail(path, 60, 100), { text: "", offset: 60, overflow: false });
  });

  test("reader: a missing file is NO_FILE to read and empty to tail", async (w) => {
    await assert.rejects(w.reader.read(`${w.dir}/missing.log`, 0, 0), isCode("NO_FILE"));
    assert.deepEqual(await w.reader.tail(`${w.dir}/missing.log`, 0, 100), {
      text: "",
      offset: 0,
      overflow: false,
    });
  });

  test("reader: a multi-byte character cut by the window does not throw", async (w) => {
    const path = `${w.dir}/utf8.log`;
    const sink = await w.sinks.open({ path, maxbytes: 0, backups: 0, stripAnsi: false });
    await sink.write(enc("aé€b"));
    await sink.close();
    assert.equal(await w.reader.read(path, 0, 2), "a\ufffd");
    assert.equal((await w.reader.tail(path, 0, 3)).text, "\ufffd\ufffdb");
  });
}

function isCode(code: string): (e: unknown) => boolean {
  return (e) => e instanceof SvisorError && e.code === code;
}
