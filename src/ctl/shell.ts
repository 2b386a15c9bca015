/** The interactive shell: `status` first, then `<prompt>> ` lines until quit, exit, EOF or Ctrl-C. */

import type { Controller } from "./controller.ts";
import { Interrupted } from "./interrupts.ts";

/** Reads one command line; null at end of input; rejects with Interrupted on Ctrl-C. */
export type ReadCommand = (prompt: string, signal: AbortSignal) => Promise<string | null>;

/**
 * Runs supervisorctl's `cmdloop`: `status`, then each typed line through `onecmd`. End of input runs
 * `EOF` (an empty line, then the end); Ctrl-C prints an empty line and ends the shell, also while
 * a command runs (a `tail -f` or `fg` takes its own Ctrl-C first). The exit status is the caller's.
 */
export async function runShell(ctl: Controller, readCommand: ReadCommand): Promise<void> {
  using scope = ctl.interrupts.open();
  const queue = ["status"];
  while (true) {
    let line = queue.shift();
    if (line === undefined) {
      try {
        line = (await readCommand(`${ctl.settings.prompt}> `, scope.signal)) ?? "EOF";
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        ctl.output("");
        return;
      }
    }
    const stop = await untilAborted(ctl.onecmd(line), scope.signal);
    if (stop === "aborted") {
      ctl.output("");
      ctl.silence();
      return;
    }
    if (stop) return;
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | "aborted"> {
  if (signal.aborted) return Promise.resolve("aborted");
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      // The abandoned command's outcome is not printed (the controller is silenced); only its end is awaited.
      work.catch(() => {});
      resolve("aborted");
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
