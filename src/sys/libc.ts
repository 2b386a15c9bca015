/**
 * The few libc calls Deno has no API for (unix datagrams, prctl, waitpid on a pid Deno did not
 * spawn, CLOCK_MONOTONIC), opened once through FFI on glibc's `libc.so.6`. Every caller handles
 * `null`: where FFI or the library is not there, the feature that needs it says so and steps back.
 */

const SYMBOLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  sendto: { parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"], result: "isize" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  recv: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize", nonblocking: true },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  open: { parameters: ["buffer", "i32"], result: "i32" },
  fcntl: { parameters: ["i32", "i32", "i32"], result: "i32" },
  prctl: { parameters: ["i32", "u64", "u64", "u64", "u64"], result: "i32" },
  waitpid: { parameters: ["i32", "buffer", "i32"], result: "i32" },
  clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The opened symbols. */
export type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** What opening libc gave: the symbols and a close, or why there are none. */
export type LibcResult =
  | { ok: true; libc: Libc; close: () => void }
  | { ok: false; reason: string };

/** Opens libc; the daemon does it once and passes the symbols down (no module-level handle). */
export function openLibc(): LibcResult {
  try {
    const lib = Deno.dlopen("libc.so.6", SYMBOLS);
    return { ok: true, libc: lib.symbols, close: () => lib.close() };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** The calling thread's errno after a failed call (read at once, before any other libc call). */
export function errno(libc: Libc): number {
  const p = libc.__errno_location();
  return p === null ? 0 : new Deno.UnsafePointerView(p).getInt32();
}
