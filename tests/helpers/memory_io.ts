/** An in-memory Io for tests: records what a subcommand writes and serves it typed lines. */

import type { Io } from "../../src/core/io.ts";

/** An Io that records what was written, for tests; `input` lines are served to readLine. */
export function memoryIo(
  options: { input?: string[]; env?: Record<string, string>; cwd?: string } = {},
): Io & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  const input = [...(options.input ?? [])];
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    readLine: (prompt) => {
      if (prompt !== undefined) out += prompt;
      return Promise.resolve(input.length > 0 ? input.shift() ?? null : null);
    },
    isTerminal: false,
    env: options.env ?? {},
    cwd: options.cwd ?? "/",
    stdout: () => out,
    stderr: () => err,
  };
}
