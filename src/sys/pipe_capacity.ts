/**
 * Widens a child's output pipe with F_SETPIPE_SZ. Deno does not show the daemon's end of the pipe,
 * so the pipe is reached through the child's end: `/proc/PID/fd/N` opened read-only and
 * non-blocking names the same pipe (opening it never blocks and reads nothing), and the capacity
 * belongs to the pipe, not to the descriptor.
 */

import type { PipeTuner } from "../core/ports.ts";
import type { Libc } from "./libc.ts";

/** The capacity asked for: Linux's default /proc/sys/fs/pipe-max-size. */
export const WIDE_PIPE_BYTES = 1024 * 1024;

const O_RDONLY = 0;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;
const F_SETPIPE_SZ = 1031;

/** A tuner over libc; without libc (no FFI) pipes keep their size. */
export function libcPipeTuner(libc: Libc | null, bytes = WIDE_PIPE_BYTES): PipeTuner {
  const encoder = new TextEncoder();
  return {
    widen(pid, fd) {
      if (libc === null) return 0;
      const path = encoder.encode(`/proc/${pid}/fd/${fd}\0`);
      const own = libc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      // The child may be gone, or its fd no longer a pipe: the stream stays as it is.
      if (own < 0) return 0;
      try {
        const size = libc.fcntl(own, F_SETPIPE_SZ, bytes);
        return size > 0 ? size : 0;
      } finally {
        libc.close(own);
      }
    },
  };
}
