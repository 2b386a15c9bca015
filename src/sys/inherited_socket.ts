/**
 * The SocketFactory port on Deno: an fcgi-program's listening socket, made through libc (Deno's
 * listeners hide their descriptor) so it can be every child's fd 0. It is created close-on-exec:
 * only the children it is given to as stdin see it (the dup to fd 0 clears the flag).
 */

import type { HeldSocket, SocketFactory, SocketSpec } from "../core/ports.ts";
import { NET, unixAddress } from "./libc_net.ts";
import { lookupOwner } from "./owner_lookup.ts";

const { AF_UNIX, SOCK_STREAM, SOCK_CLOEXEC, SOL_SOCKET, SO_REUSEADDR } = NET;
/** Linux's SOMAXCONN since 5.4, what Python's socket.SOMAXCONN says there. */
const SOMAXCONN = 4096;
const AI_PASSIVE = 1;

const SYMBOLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  bind: { parameters: ["i32", "pointer", "u32"], result: "i32" },
  listen: { parameters: ["i32", "i32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  getaddrinfo: { parameters: ["buffer", "buffer", "buffer", "buffer"], result: "i32" },
  freeaddrinfo: { parameters: ["pointer"], result: "void" },
  gai_strerror: { parameters: ["i32"], result: "pointer" },
  __errno_location: { parameters: [], result: "pointer" },
  strerror: { parameters: ["i32"], result: "pointer" },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>;

/** Makes listening sockets with libc; one library handle for the factory's life. */
export function libcSocketFactory(): SocketFactory {
  let libc: Libc | null = null;
  return {
    listen(spec: SocketSpec): HeldSocket {
      libc ??= Deno.dlopen("libc.so.6", SYMBOLS);
      return spec.url.startsWith("unix://") ? listenUnix(libc, spec) : listenTcp(libc, spec);
    },
  };
}

function listenTcp(libc: Libc, spec: SocketSpec): HeldSocket {
  const m = /^tcp:\/\/(.*):(\d+)$/.exec(spec.url);
  if (m === null) throw new Error(`not a tcp:// or unix:// socket`);
  const host = m[1] === "*" || m[1] === "" ? null : m[1]!;
  const hints = new Uint8Array(48);
  const view = new DataView(hints.buffer);
  view.setInt32(0, AI_PASSIVE, true);
  view.setInt32(8, SOCK_STREAM, true);
  const out = new BigUint64Array(1);
  const rc = libc.symbols.getaddrinfo(
    host === null ? null : cString(host),
    cString(m[2]!),
    hints,
    new Uint8Array(out.buffer),
  );
  if (rc !== 0) throw new Error(readCString(libc.symbols.gai_strerror(rc)));
  const list = Deno.UnsafePointer.create(out[0]!);
  try {
    const info = new Deno.UnsafePointerView(list!);
    const family = info.getInt32(4);
    const addrlen = info.getUint32(16);
    const addr = info.getPointer(24);
    const fd = libc.symbols.socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw new Error(errnoText(libc));
    try {
      const one = new Int32Array([1]);
      libc.symbols.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new Uint8Array(one.buffer), 4);
      if (libc.symbols.bind(fd, addr, addrlen) !== 0) throw new Error(errnoText(libc));
      listenOrThrow(libc, fd, spec);
    } catch (e) {
      libc.symbols.close(fd);
      throw e;
    }
    return held(libc, fd, null);
  } finally {
    libc.symbols.freeaddrinfo(list);
  }
}

function listenUnix(libc: Libc, spec: SocketSpec): HeldSocket {
  const path = spec.url.slice("unix://".length);
  const address = unixAddress(path);
  // As supervisord: a file already at the path (a socket left by an earlier run) is replaced.
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const fd = libc.symbols.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw new Error(errnoText(libc));
  try {
    const pointer = Deno.UnsafePointer.of(address);
    if (libc.symbols.bind(fd, pointer, address.length) !== 0) throw new Error(errnoText(libc));
    try {
      const owner = lookupOwner(spec.owner, "socket_owner");
      if (owner !== null) Deno.chownSync(path, owner.uid, owner.gid);
      Deno.chmodSync(path, spec.mode);
      listenOrThrow(libc, fd, spec);
    } catch (e) {
      Deno.removeSync(path);
      throw e;
    }
  } catch (e) {
    libc.symbols.close(fd);
    throw e;
  }
  return held(libc, fd, path);
}

function listenOrThrow(libc: Libc, fd: number, spec: SocketSpec): void {
  if (libc.symbols.listen(fd, spec.backlog ?? SOMAXCONN) !== 0) throw new Error(errnoText(libc));
}

function held(libc: Libc, fd: number, path: string | null): HeldSocket {
  let open = true;
  return {
    fd,
    close(): void {
      if (!open) return;
      open = false;
      libc.symbols.close(fd);
      if (path === null) return;
      try {
        Deno.removeSync(path);
      } catch {
        // Already gone (removed by hand): nothing is left to clean up.
      }
    },
  };
}

function cString(text: string): Uint8Array {
  return new TextEncoder().encode(text + "\0");
}

function readCString(pointer: Deno.PointerValue): string {
  return pointer === null ? "unknown error" : new Deno.UnsafePointerView(pointer).getCString();
}

function errnoText(libc: Libc): string {
  const at = libc.symbols.__errno_location();
  const errno = at === null ? 0 : new Deno.UnsafePointerView(at).getInt32();
  return `[Errno ${errno}] ${readCString(libc.symbols.strerror(errno))}`;
}
