/** Runs the log-sink contract against the Deno file sinks, plus what only real files show. */

import assert from "node:assert/strict";
import { fileLogSinks } from "../../src/sys/file_log_sinks.ts";
import { fileLogReader } from "../../src/sys/file_log_reader.ts";
import { logSinkContract } from "../helpers/log_sink_contract.ts";

logSinkContract("file sinks", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_sinks_" });
  return {
    sinks: fileLogSinks(),
    reader: fileLogReader(),
    dir,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
});

Deno.test("file sinks: a write that cannot reach the file rejects; the next one tries the file again", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_sinks_" });
  try {
    const sinks = fileLogSinks();
    const path = `${dir}/gone/x.log`;
    await Deno.mkdir(`${dir}/gone`);
    const sink = sinks.open({ path, maxbytes: 5, backups: 1, stripAnsi: false });
    // The directory disappears: the rotation after this write cannot reopen the file.
    await Deno.remove(`${dir}/gone`, { recursive: true });
    await assert.rejects(sink.write(new TextEncoder().encode("123456")), Deno.errors.NotFound);
    await assert.rejects(sink.write(new TextEncoder().encode("more")), Deno.errors.NotFound);
    await Deno.mkdir(`${dir}/gone`);
    await sink.write(new TextEncoder().encode("back"));
    await sink.close();
    assert.equal(await Deno.readTextFile(path), "back");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("file sinks: an open that cannot create the file throws its system code", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_sinks_" });
  try {
    assert.throws(
      () =>
        fileLogSinks().open({ path: `${dir}/no/x.log`, maxbytes: 0, backups: 0, stripAnsi: false }),
      (e: unknown) =>
        e instanceof Deno.errors.NotFound && (e as { code?: string }).code === "ENOENT",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
