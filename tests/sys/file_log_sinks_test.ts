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

Deno.test("file sinks: a failed write is reported once and never thrown", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_sinks_" });
  try {
    const warnings: string[] = [];
    const sinks = fileLogSinks({ onWarning: (m) => warnings.push(m) });
    const path = `${dir}/gone/x.log`;
    await Deno.mkdir(`${dir}/gone`);
    const sink = await sinks.open({ path, maxbytes: 5, backups: 1, stripAnsi: false });
    // The directory disappears: the rotation after this write cannot reopen the file.
    await Deno.remove(`${dir}/gone`, { recursive: true });
    await sink.write(new TextEncoder().encode("123456"));
    await sink.write(new TextEncoder().encode("more"));
    await sink.write(new TextEncoder().encode("more"));
    await sink.close();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`^${dir}/gone/x\\.log: write failed, output dropped: `));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
