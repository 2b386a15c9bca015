/** Decodes how a child ended into supervisor's exit status and message (`decode_wait_status`). */

import type { ExitStatus } from "../core/ports.ts";

/** supervisor's view of an exit: the status (-1 after a signal) and the text for the main log. */
export interface DecodedExit {
  /** The exit code, or -1 when a signal ended the child. */
  code: number;
  /** `exit status 1`, `terminated by SIGTERM`, or `unknown termination cause`. */
  message: string;
}

/**
 * Decodes an exit: a normal exit keeps its code, a signal death is -1 (always unexpected).
 *
 * @example
 * ```ts
 * import { decodeExit } from "./exit_status.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(decodeExit({ code: 1, signal: null }), { code: 1, message: "exit status 1" });
 * assert.deepEqual(decodeExit({ code: null, signal: "SIGTERM" }), {
 *   code: -1,
 *   message: "terminated by SIGTERM",
 * });
 * ```
 */
export function decodeExit(status: ExitStatus): DecodedExit {
  if (status.signal !== null) {
    const name = status.signal.startsWith("SIG") ? status.signal : `SIG${status.signal}`;
    return { code: -1, message: `terminated by ${name}` };
  }
  if (status.code !== null) {
    const code = status.code & 0xffff;
    return { code, message: `exit status ${code}` };
  }
  return { code: -1, message: "unknown termination cause" };
}
