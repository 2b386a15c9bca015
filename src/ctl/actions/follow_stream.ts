/** supervisorctl's `_tailf`: `==> Press Ctrl-C to exit <==`, then a log as it grows, until Ctrl-C or its end. */

import { SvisorError } from "../../core/errors.ts";
import type { LogFollow } from "../../protocol/control_service.ts";
import type { CtlContext } from "../ctl_context.ts";

/**
 * Streams a followed log to stdout. `path` is the HTTP path supervisorctl would GET (for the
 * `<url><path> Cannot read, status code N` message on stderr). Ctrl-C prints an empty line.
 */
export async function followStream(
  ctl: CtlContext,
  path: string,
  open: () => Promise<LogFollow>,
): Promise<void> {
  ctl.output("==> Press Ctrl-C to exit <==");
  using scope = ctl.interrupts.open();
  let follow: LogFollow | null = null;
  const stop = () => follow?.close();
  scope.signal.addEventListener("abort", stop, { once: true });
  try {
    follow = await abortable(open(), scope.signal);
    if (scope.signal.aborted) follow.close();
    for await (const chunk of follow) ctl.write(chunk);
  } catch (e) {
    if (!scope.signal.aborted) {
      if (!(e instanceof SvisorError)) throw e;
      ctl.warn(`${ctl.settings.serverurl}${path} ${e.message}`);
    }
  } finally {
    scope.signal.removeEventListener("abort", stop);
    follow?.close();
  }
  if (scope.signal.aborted) ctl.output("");
}

/** Resolves with `promise`, or rejects when `signal` aborts first (closing a late result). */
export function abortable<T extends { close(): void }>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) {
    void promise.then((v) => v.close(), () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      void promise.then((v) => v.close(), () => {});
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
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
