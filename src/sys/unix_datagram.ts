/**
 * Unix datagram sockets over libc (Deno's own `Deno.listenDatagram` needs `--unstable-net` and
 * cannot reach Linux's abstract namespace): an address as `sockaddr_un` bytes, and a sender.
 */

import { errno, type Libc } from "./libc.ts";

const AF_UNIX = 1;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const MSG_NOSIGNAL = 0x4000;
const SUN_PATH_MAX = 108;

/**
 * `sockaddr_un` for a socket address: a file path, or `@name` for Linux's abstract namespace (as
 * systemd writes it in `$NOTIFY_SOCKET`). Throws on an address too long for `sun_path`.
 */
export function sockaddrUn(address: string): Uint8Array {
  const abstract = address.startsWith("@");
  const name = new TextEncoder().encode(abstract ? address.slice(1) : address);
  const length = abstract ? 1 + name.length : name.length + 1;
  if (name.length === 0 || length > SUN_PATH_MAX) {
    throw new Error(`unix socket address "${address}" is empty or longer than ${SUN_PATH_MAX}`);
  }
  const bytes = new Uint8Array(2 + length);
  new DataView(bytes.buffer).setUint16(0, AF_UNIX, true);
  bytes.set(name, abstract ? 3 : 2);
  return bytes;
}

/** Opens an unbound `AF_UNIX`/`SOCK_DGRAM` socket; returns its fd or throws with errno. */
export function datagramSocket(libc: Libc): number {
  const fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw new Error(`socket(AF_UNIX, SOCK_DGRAM): errno ${errno(libc)}`);
  return fd;
}

/** Sends datagrams to one address from one socket, until closed. */
export class DatagramSender {
  readonly #libc: Libc;
  readonly #address: Uint8Array<ArrayBuffer>;
  #fd: number;

  /** Opens the socket; throws when the address is bad or no socket can be made. */
  constructor(libc: Libc, address: string) {
    this.#libc = libc;
    this.#address = new Uint8Array(sockaddrUn(address));
    this.#fd = datagramSocket(libc);
  }

  /** Sends one datagram; throws with errno when the kernel refuses (no listener, full queue). */
  send(data: Uint8Array): void {
    if (this.#fd < 0) throw new Error("the datagram socket is closed");
    const buffer = new Uint8Array(data);
    const sent = this.#libc.sendto(
      this.#fd,
      buffer,
      BigInt(buffer.length),
      MSG_NOSIGNAL,
      this.#address,
      this.#address.length,
    );
    if (sent < 0) throw new Error(`sendto: errno ${errno(this.#libc)}`);
  }

  /** Closes the socket (idempotent). */
  close(): void {
    if (this.#fd >= 0) this.#libc.close(this.#fd);
    this.#fd = -1;
  }
}
