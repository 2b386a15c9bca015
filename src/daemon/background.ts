/**
 * Daemonizing without fork: the first process starts itself again, detached in a new session, and
 * waits until the background one says it is ready (servers listening, pidfile written) or dies.
 * Then it exits 0, or with the background one's error text and code. Works under `deno run` and as
 * a compiled binary.
 */

/** The variable that tells a process it is the background daemon. */
export const BACKGROUND_ENV = "SVISOR_DAEMON_BACKGROUND";

/** The line the background daemon writes on its stdout once it is up. */
export const READY_LINE = "svisor-daemon-ready\n";

/** The argv that runs this program again with `args` (compiled binary or `deno run`). */
export function selfCommand(args: readonly string[]): { file: string; args: string[] } {
  const exec = Deno.execPath();
  const base = exec.slice(exec.lastIndexOf("/") + 1);
  if (base !== "deno") return { file: exec, args: [...args] };
  const main = new URL(Deno.mainModule);
  const runArgs = ["run", "-A", "--quiet"];
  const config = new URL("./deno.json", main);
  try {
    Deno.statSync(config);
    runArgs.push("--config", config.pathname);
  } catch {
    // no deno.json next to the entry point: Deno finds its own
  }
  return { file: exec, args: [...runArgs, main.pathname, ...args] };
}

/** What the waiting parent reports. */
export interface BackgroundOutcome {
  /** 0 when the daemon is up, else the background process's exit code (at least 1). */
  code: number;
  /** What the background process wrote on stderr before it was ready or died. */
  errorText: string;
}

/**
 * Starts `svisor daemon <argv>` in the background and waits until it is ready or has exited.
 * The daemon's pid is the one written to its pidfile.
 */
export async function launchBackground(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<BackgroundOutcome> {
  const self = selfCommand(["daemon", ...argv]);
  const child = new Deno.Command(self.file, {
    args: self.args,
    env: { ...env, [BACKGROUND_ENV]: "1" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  const errorText = collect(child.stderr);
  const ready = waitForReady(child.stdout);
  const outcome = await Promise.race([
    ready.then((ok) => (ok ? "ready" as const : "closed" as const)),
    child.status.then(() => "exited" as const),
  ]);
  if (outcome === "ready") {
    child.unref();
    await errorText.cancel();
    return { code: 0, errorText: "" };
  }
  const status = await child.status;
  await ready;
  const text = await errorText.text;
  return { code: status.code === 0 ? 1 : status.code, errorText: text };
}

async function waitForReady(stream: ReadableStream<Uint8Array>): Promise<boolean> {
  const decoder = new TextDecoder();
  let seen = "";
  const reader = stream.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return false;
      seen += decoder.decode(value, { stream: true });
      if (seen.includes(READY_LINE)) return true;
    }
  } finally {
    // The child's output stream is done with: a cancel that fails has nothing left to stop.
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function collect(stream: ReadableStream<Uint8Array>): {
  text: Promise<string>;
  cancel: () => Promise<void>;
} {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const done = (async () => {
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // cancelled
    }
    return text;
  })();
  return {
    text: done,
    cancel: async () => {
      // The child's output stream is done with: a cancel that fails has nothing left to stop.
      await reader.cancel().catch(() => {});
      await done;
    },
  };
}
