/** The real terminal as an Io: Deno's stdout, stderr and stdin. */

import type { Io } from "../core/io.ts";

const encoder = new TextEncoder();

/** Builds the Io of this process. Writes are synchronous so output order is kept. */
export function terminalIo(): Io {
  const lines = stdinLines();
  return {
    out: (t) => writeAll(Deno.stdout, t),
    err: (t) => writeAll(Deno.stderr, t),
    readLine: async (prompt) => {
      if (prompt !== undefined) writeAll(Deno.stdout, prompt);
      const next = await lines.next();
      return next.done ? null : next.value;
    },
    isTerminal: Deno.stdin.isTerminal(),
    env: Deno.env.toObject(),
    cwd: Deno.cwd(),
  };
}

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(file.writeSync(bytes));
}

async function* stdinLines(): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = Deno.stdin.readable.getReader();
  let buffered = "";
  try {
    while (true) {
      const newline = buffered.indexOf("\n");
      if (newline >= 0) {
        yield buffered.slice(0, newline).replace(/\r$/, "");
        buffered = buffered.slice(newline + 1);
        continue;
      }
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
    }
    if (buffered.length > 0) yield buffered;
  } finally {
    reader.releaseLock();
  }
}
