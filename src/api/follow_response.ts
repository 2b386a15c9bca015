/** A streaming HTTP response fed by a LogFollow: each chunk as it comes, ended when the client leaves. */

import type { LogFollow } from "../protocol/control_service.ts";

/** Options of a follow response. */
export interface FollowResponseOptions {
  /** Response headers (content type and the like). */
  headers: Record<string, string>;
  /** Turns a chunk into the bytes sent (plain text, or an SSE event). */
  frame: (text: string) => string;
  /** Text sent first (the backlog), framed like the rest; skipped when empty. */
  first?: string;
  /** The request's signal: when it aborts (client gone, server closing), the follow is closed. */
  signal?: AbortSignal;
}

/**
 * A 200 response whose body streams `follow`; cancelling the body or aborting `signal` closes the
 * follow, and the end of the follow ends the body.
 */
export function followResponse(follow: LogFollow, options: FollowResponseOptions): Response {
  const encoder = new TextEncoder();
  const iterator = follow[Symbol.asyncIterator]();
  const signal = options.signal;
  const onAbort = () => follow.close();
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) follow.close();
  const done = () => signal?.removeEventListener("abort", onAbort);
  let first = options.first ?? "";
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first !== "") {
        controller.enqueue(encoder.encode(options.frame(first)));
        first = "";
        return;
      }
      const r = await iterator.next();
      if (r.done) {
        done();
        controller.close();
      } else controller.enqueue(encoder.encode(options.frame(r.value)));
    },
    cancel() {
      done();
      follow.close();
    },
  });
  return new Response(body, { status: 200, headers: options.headers });
}
