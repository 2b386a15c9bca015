/** Runs the log-sink contract against the in-memory fake, so it behaves like the real files. */

import { MemoryLogSinks } from "../helpers/memory_log_sinks.ts";
import { logSinkContract } from "../helpers/log_sink_contract.ts";

logSinkContract("memory sinks", () => {
  const sinks = new MemoryLogSinks();
  return Promise.resolve({
    sinks,
    reader: sinks,
    dir: "/mem",
    [Symbol.asyncDispose]: () => Promise.resolve(),
  });
});
