/** Linux's socket numbers and `struct sockaddr_un`, for the sys modules that call libc's socket API. */

/** Address families, socket types and flags (Linux, x86_64 and aarch64 alike). */
export const NET = {
  AF_UNIX: 1,
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  SOCK_CLOEXEC: 0o2000000,
  SOL_SOCKET: 1,
  SO_REUSEADDR: 2,
  MSG_DONTWAIT: 0x40,
  MSG_NOSIGNAL: 0x4000,
} as const;

/** A `struct sockaddr_un` for `path` (family, path, NUL); throws when the path is too long. */
export function unixAddress(path: string): Uint8Array {
  const bytes = new TextEncoder().encode(path);
  if (bytes.length >= 108) throw new Error(`${path}: the path is too long for a unix socket`);
  const address = new Uint8Array(2 + bytes.length + 1);
  new DataView(address.buffer).setUint16(0, NET.AF_UNIX, true);
  address.set(bytes, 2);
  return address;
}
