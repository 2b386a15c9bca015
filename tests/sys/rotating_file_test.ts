/** Tests the rotating file on real files: no line lost or reordered across rotations, reopens and special files. */

import assert from "node:assert/strict";
import { RotatingFile } from "../../src/sys/rotating_file.ts";

const enc = (s: string) => new TextEncoder().encode(s);

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_rotating_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The text of `path.N` ... `path.1` then `path`, oldest first, and how many backups exist. */
async function readAll(path: string, maxBackups: number): Promise<{ text: string; files: number }> {
  let text = "";
  let files = 0;
  for (let n = maxBackups; n >= 1; n--) {
    try {
      text += await Deno.readTextFile(`${path}.${n}`);
      files++;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return { text: text + await Deno.readTextFile(path), files };
}

function numbered(from: number, to: number): string {
  let s = "";
  for (let i = from; i <= to; i++) s += `line ${i}\n`;
  return s;
}

/** Pipes a real child's stdout into the file, chunk by chunk as read, like the engine does. */
async function pipeChild(file: RotatingFile, args: string[]): Promise<void> {
  const child = new Deno.Command(args[0]!, { args: args.slice(1), stdout: "piped" }).spawn();
  for await (const chunk of child.stdout) await file.write(chunk);
  assert.equal((await child.status).code, 0);
}

Deno.test("a child's numbered lines through 1 KiB rotation: every line once, in order", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/child.log`;
    const file = await RotatingFile.open(path, { maxbytes: 1024, backups: 1000 });
    // Each echo is its own write, so the pipe delivers chunks of every size.
    await pipeChild(file, [
      "sh",
      "-c",
      'i=1; while [ $i -le 4000 ]; do echo "line $i"; i=$((i+1)); done',
    ]);
    await file.close();
    const { text, files } = await readAll(path, 1000);
    assert.equal(text, numbered(1, 4000));
    assert.ok(files >= 1, "no rotation happened");
    for (let n = 1; n <= files; n++) {
      assert.ok((await Deno.stat(`${path}.${n}`)).size >= 1024, `${path}.${n} is under maxbytes`);
    }
  });
});

Deno.test("hundreds of rotations with enough backups keep every line once, in order", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/many.log`;
    const file = await RotatingFile.open(path, { maxbytes: 1024, backups: 500 });
    const all = numbered(1, 20000);
    for (let at = 0; at < all.length; at += 97) await file.write(enc(all.slice(at, at + 97)));
    await file.close();
    const { text, files } = await readAll(path, 500);
    assert.equal(text, all);
    assert.ok(files > 150, `only ${files} rotated files`);
  });
});

Deno.test("with 5 backups the kept files are the newest bytes, contiguous, oldest in .5", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/five.log`;
    const file = await RotatingFile.open(path, { maxbytes: 1024, backups: 5 });
    const all = numbered(1, 5000);
    // Odd chunk sizes so lines straddle writes and rotations.
    for (let at = 0; at < all.length; at += 97) await file.write(enc(all.slice(at, at + 97)));
    await file.close();
    const { text, files } = await readAll(path, 10);
    assert.equal(files, 5);
    assert.ok(all.endsWith(text));
    assert.ok(text.length >= 5 * 1024);
    await assert.rejects(Deno.stat(`${path}.6`), Deno.errors.NotFound);
  });
});

Deno.test("backups 0 truncates after the write that reaches maxbytes", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/zero.log`;
    await using file = await RotatingFile.open(path, { maxbytes: 8, backups: 0 });
    await file.write(enc("1234567"));
    assert.equal(await Deno.readTextFile(path), "1234567");
    await file.write(enc("89"));
    assert.equal(await Deno.readTextFile(path), "");
    await file.write(enc("ab"));
    assert.equal(await Deno.readTextFile(path), "ab");
    assert.equal(file.size, 2);
  });
});

Deno.test("reopen while a writer runs (logrotate renames the file away): nothing lost", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/w.log`;
    const file = await RotatingFile.open(path, { maxbytes: 0 });
    let reopened: Promise<void> | null = null;
    for (let i = 1; i <= 3000; i++) {
      const write = file.write(enc(`line ${i}\n`));
      if (i === 1000) {
        // logrotate renames the file under the writer, then asks for a reopen, which queues
        // behind the write in flight while later writes keep coming.
        await Deno.rename(path, `${path}.moved`);
        reopened = file.reopen();
      }
      await write;
    }
    await reopened;
    await file.close();
    const moved = await Deno.readTextFile(`${path}.moved`);
    const fresh = await Deno.readTextFile(path);
    assert.equal(moved + fresh, numbered(1, 3000));
    assert.ok(fresh.length > 0 && moved.length > 0);
  });
});

Deno.test("operations run in call order even when not awaited one by one", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/order.log`;
    const file = await RotatingFile.open(path, { maxbytes: 100, backups: 50 });
    const ops: Promise<void>[] = [];
    for (let i = 1; i <= 500; i++) {
      ops.push(file.write(enc(`line ${i}\n`)));
      if (i % 100 === 0) ops.push(file.reopen());
    }
    ops.push(file.close());
    ops.push(file.write(enc("after close\n")));
    await Promise.all(ops);
    assert.equal((await readAll(path, 50)).text, numbered(1, 500));
  });
});

Deno.test("reopen takes the size from the file, so rotation stays exact", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/size.log`;
    await using file = await RotatingFile.open(path, { maxbytes: 20, backups: 1 });
    await file.write(enc("0123456789"));
    await Deno.writeTextFile(path, "ABCDE", { append: true });
    await file.reopen();
    assert.equal(file.size, 15);
    await file.write(enc("vwxy"));
    assert.equal(file.size, 19);
    await assert.rejects(Deno.stat(`${path}.1`), Deno.errors.NotFound);
    await file.write(enc("z"));
    assert.equal(await Deno.readTextFile(`${path}.1`), "0123456789ABCDEvwxyz");
    assert.equal(await Deno.readTextFile(path), "");
  });
});

Deno.test("clear deletes the file and writing continues into a new one", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/clear.log`;
    await using file = await RotatingFile.open(path, { maxbytes: 0 });
    await file.write(enc("old\n"));
    await file.clear();
    assert.equal(await Deno.readTextFile(path), "");
    await file.write(enc("new\n"));
    assert.equal(await Deno.readTextFile(path), "new\n");
    assert.equal(file.size, 4);
  });
});

Deno.test("writeSync appends and rotates like write", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/sync.log`;
    await using file = await RotatingFile.open(path, { maxbytes: 10, backups: 5 });
    for (let i = 1; i <= 9; i++) file.writeSync(enc(`${i}${i}${i}\n`));
    assert.equal((await readAll(path, 5)).text, "111\n222\n333\n444\n555\n666\n777\n888\n999\n");
  });
});

Deno.test("/dev/null with maxbytes > 0: writes succeed, one warning, no rotation", async () => {
  const warnings: string[] = [];
  await using file = await RotatingFile.open("/dev/null", {
    maxbytes: 10,
    backups: 3,
    onWarning: (m) => warnings.push(m),
  });
  for (let i = 0; i < 20; i++) await file.write(enc("0123456789"));
  await file.reopen();
  await file.write(enc("more"));
  assert.equal(file.regular, false);
  assert.equal(file.size, 0);
  assert.deepEqual(warnings, [
    `/dev/null: not a regular file, so it is never rotated (maxbytes "10" ignored)`,
  ]);
});

Deno.test("a FIFO with maxbytes > 0 (like /dev/stdout in a container): every byte arrives", async () => {
  await withDir(async (dir) => {
    const fifo = `${dir}/pipe`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.equal(made.code, 0);
    const reading = (async () => {
      const r = await Deno.open(fifo, { read: true });
      return new TextDecoder().decode(await new Response(r.readable).arrayBuffer());
    })();
    const warnings: string[] = [];
    const file = await RotatingFile.open(fifo, {
      maxbytes: 1024,
      backups: 2,
      onWarning: (m) => warnings.push(m),
    });
    const all = numbered(1, 2000);
    for (let at = 0; at < all.length; at += 500) await file.write(enc(all.slice(at, at + 500)));
    await file.close();
    assert.equal(await reading, all);
    assert.equal(warnings.length, 1);
    await assert.rejects(Deno.stat(`${fifo}.1`), Deno.errors.NotFound);
  });
});

Deno.test("chunks that end mid-line rotate at a line end: no line is torn between files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/out.log`;
    const file = await RotatingFile.open(path, { maxbytes: 1000, backups: 50 });
    const text = Array.from({ length: 400 }, (_, i) => `${String(i).padStart(5, "0")} line\n`)
      .join("");
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += 333) await file.write(bytes.subarray(at, at + 333));
    await file.close();
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    const order = (n: string) => (n === "out.log" ? 0 : Number(n.slice("out.log.".length)));
    names.sort((a, b) => order(b) - order(a));
    const texts = names.map((n) => Deno.readTextFileSync(`${dir}/${n}`));
    assert.ok(texts.length > 3, `only ${texts.length} files`);
    for (const t of texts) {
      assert.ok(t.endsWith("\n"), `a file ends mid-line: ${JSON.stringify(t.slice(-12))}`);
    }
    assert.equal(texts.join(""), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("backups numbered by something else between rotations are still shifted, none overwritten", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/ext.log`;
    const file = await RotatingFile.open(path, { maxbytes: 10, backups: 6 });
    await file.write(enc("first 0001\n")); // rotates: first -> .1
    // An outside tool numbers older files on past what this file made (.2 and .4, leaving a gap).
    await Deno.writeTextFile(`${path}.2`, "outside 2\n");
    await Deno.writeTextFile(`${path}.4`, "outside 4\n");
    await file.write(enc("second 002\n")); // rotates again: .4 -> .5, .2 -> .3, .1 -> .2
    await file.write(enc("third 0003\n"));
    await file.close();
    const kept: string[] = [];
    for (let n = 6; n >= 1; n--) {
      kept.push(await Deno.readTextFile(`${path}.${n}`).catch(() => "-\n"));
    }
    assert.equal(
      kept.join(""),
      ["outside 4\n", "-\n", "outside 2\n", "first 0001\n", "second 002\n", "third 0003\n"]
        .join(""),
    );
  });
});
