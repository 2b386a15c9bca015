/** Tests the activity log on real files: supervisor's line format, level filter, echo, rotation, reopen and clear. */

import assert from "node:assert/strict";
import { ActivityLogFile, type SyncWriter } from "../../src/sys/activity_log_file.ts";

const T0 = new Date(2026, 10, 24, 13, 33, 24, 907).getTime();
const LINE_RE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) .*$/;

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "svisor_activity_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A stdout stand-in that takes at most 7 bytes per call, to prove lines are written whole. */
function slowWriter(): SyncWriter & { text: () => string } {
  const parts: Uint8Array[] = [];
  return {
    writeSync(p: Uint8Array): number {
      const n = Math.min(7, p.length);
      parts.push(p.slice(0, n));
      return n;
    },
    text: () => parts.map((p) => new TextDecoder().decode(p, { stream: true })).join(""),
  };
}

Deno.test("lines look like supervisor's and levels below the threshold are dropped", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/supervisord.log`;
    await using log = await ActivityLogFile.open({ path, level: "INFO", now: () => T0 });
    log.log("INFO", "RPC interface 'supervisor' initialized");
    log.log("DEBG", "'cat' stdout output:\nhidden");
    log.log("CRIT", "Server 'unix_http_server' running without any HTTP authentication checking");
    log.log("BLAT", "received SIGWINCH indicating nothing");
    assert.equal(log.enabled("WARN"), true);
    assert.equal(log.enabled("DEBG"), false);
    assert.equal(log.path, path);
    assert.equal(
      await Deno.readTextFile(path),
      "2026-11-24 13:33:24,907 INFO RPC interface 'supervisor' initialized\n" +
        "2026-11-24 13:33:24,907 CRIT Server 'unix_http_server' running without any HTTP authentication checking\n",
    );
  });
});

Deno.test("blather writes everything; a message with newlines is kept as is", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/a.log`;
    await using log = await ActivityLogFile.open({ path, level: "BLAT", now: () => T0 });
    log.log("DEBG", "'cat' stdout output:\nhello\nworld\n");
    log.log("BLAT", "x");
    assert.equal(
      await Deno.readTextFile(path),
      "2026-11-24 13:33:24,907 DEBG 'cat' stdout output:\nhello\nworld\n\n" +
        "2026-11-24 13:33:24,907 BLAT x\n",
    );
  });
});

Deno.test("the level can change (reload), and lines after close are dropped", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/a.log`;
    const log = await ActivityLogFile.open({ path, level: "WARN", now: () => T0 });
    log.log("INFO", "before");
    log.level = "INFO";
    log.log("INFO", "after");
    await log.close();
    log.log("CRIT", "closed");
    assert.equal(await Deno.readTextFile(path), "2026-11-24 13:33:24,907 INFO after\n");
  });
});

Deno.test("foreground echo gets whole lines even from short writes, and onLine sees them", async () => {
  await withDir(async (dir) => {
    const echo = slowWriter();
    const seen: string[] = [];
    await using log = await ActivityLogFile.open({
      path: `${dir}/a.log`,
      level: "INFO",
      echo,
      now: () => T0,
    });
    log.onLine = (line) => seen.push(line);
    log.log("INFO", "supervisord started with pid 42");
    log.log("DEBG", "not shown");
    log.log("WARN", "received SIGTERM indicating exit request");
    const expected = "2026-11-24 13:33:24,907 INFO supervisord started with pid 42\n" +
      "2026-11-24 13:33:24,907 WARN received SIGTERM indicating exit request\n";
    assert.equal(echo.text(), expected);
    assert.equal(seen.join(""), expected);
    assert.equal(await Deno.readTextFile(`${dir}/a.log`), expected);
  });
});

Deno.test("no file (path null): echo and onLine still work", async () => {
  const echo = slowWriter();
  await using log = await ActivityLogFile.open({ path: null, level: "INFO", echo, now: () => T0 });
  log.log("INFO", "only echoed");
  assert.equal(log.path, null);
  assert.equal(echo.text(), "2026-11-24 13:33:24,907 INFO only echoed\n");
});

Deno.test("rotation by logfile_maxbytes keeps whole lines in order across backups", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/rot.log`;
    let t = T0;
    const log = await ActivityLogFile.open({
      path,
      level: "INFO",
      maxbytes: 300,
      backups: 50,
      now: () => (t += 1),
    });
    for (let i = 1; i <= 100; i++) log.log("INFO", `message ${i}`);
    await log.close();
    let text = "";
    let files = 0;
    for (let n = 50; n >= 1; n--) {
      try {
        text += await Deno.readTextFile(`${path}.${n}`);
        files++;
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
    text += await Deno.readTextFile(path);
    const lines = text.split("\n").slice(0, -1);
    assert.equal(lines.length, 100);
    lines.forEach((line, i) => {
      assert.match(line, LINE_RE);
      assert.ok(line.endsWith(` INFO message ${i + 1}`), line);
    });
    assert.ok(files >= 10);
  });
});

Deno.test("reopen after logrotate moved the file: lines logged meanwhile land in the new file", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/supervisord.log`;
    await using log = await ActivityLogFile.open({ path, level: "INFO", now: () => T0 });
    log.log("INFO", "one");
    await Deno.rename(path, `${path}.moved`);
    log.log("INFO", "two");
    const reopening = log.reopen();
    log.log("INFO", "received SIGUSR2 indicating log reopen request");
    log.log("INFO", "supervisord logreopen");
    await reopening;
    log.log("INFO", "three");
    assert.equal(
      await Deno.readTextFile(`${path}.moved`),
      "2026-11-24 13:33:24,907 INFO one\n2026-11-24 13:33:24,907 INFO two\n",
    );
    assert.equal(
      await Deno.readTextFile(path),
      "2026-11-24 13:33:24,907 INFO received SIGUSR2 indicating log reopen request\n" +
        "2026-11-24 13:33:24,907 INFO supervisord logreopen\n" +
        "2026-11-24 13:33:24,907 INFO three\n",
    );
  });
});

Deno.test("clear empties the file; overlapping reopen and clear lose no line", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/supervisord.log`;
    const log = await ActivityLogFile.open({ path, level: "INFO", now: () => T0 });
    log.log("INFO", "old");
    const a = log.clear();
    log.log("INFO", "during clear");
    const b = log.reopen();
    log.log("INFO", "during reopen");
    const closing = log.close();
    log.log("INFO", "after close");
    await Promise.all([a, b, closing]);
    assert.equal(
      await Deno.readTextFile(path),
      "2026-11-24 13:33:24,907 INFO during clear\n2026-11-24 13:33:24,907 INFO during reopen\n",
    );
  });
});

Deno.test("a log that cannot be opened rejects", async () => {
  await assert.rejects(
    ActivityLogFile.open({ path: "/nonexistent-dir/supervisord.log", level: "INFO" }),
    Deno.errors.NotFound,
  );
});
