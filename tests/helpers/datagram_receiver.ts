/**
 * A test-owned unix datagram socket (a file path or an `@abstract` name) that plays systemd's side
 * of `$NOTIFY_SOCKET`: it collects every datagram and lets a test await the one it expects.
 */

import { errno, type Libc, openLibc } from "../../src/sys/libc.ts";
import { datagramSocket, sockaddrUn } from "../../src/sys/unix_datagram.ts";

const SOL_SOCKET = 1;
const SO_RCVTIMEO = 20;

/** A bound datagram socket with its messages so far. */
export class DatagramReceiver implements AsyncDisposable {
  /** The address to hand out (`$NOTIFY_SOCKET`). */
  readonly address: string;
  /** Every datagram received, in order, as text. */
  readonly messages: string[] = [];
  readonly #libc: Libc;
  readonly #close: () => void;
  readonly #fd: number;
  readonly #loop: Promise<void>;
  #open = true;
  #waiters: Array<() => void> = [];

  private constructor(address: string, libc: Libc, close: () => void, fd: number) {
    this.address = address;
    this.#libc = libc;
    this.#close = close;
    this.#fd = fd;
    this.#loop = this.#receive();
  }

  /** Binds `address` (a path is removed at disposal). */
  static bind(address: string): DatagramReceiver {
    const opened = openLibc();
    if (!opened.ok) throw new Error(`libc: ${opened.reason}`);
    const { libc } = opened;
    const fd = datagramSocket(libc);
    const addr = new Uint8Array(sockaddrUn(address));
    if (libc.bind(fd, addr, addr.length) !== 0) {
      throw new Error(`bind ${address}: errno ${errno(libc)}`);
    }
    // recv returns every 100 ms without a datagram, so the loop notices disposal.
    const timeout = new BigInt64Array([0n, 100_000n]);
    libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new Uint8Array(timeout.buffer), 16);
    return new DatagramReceiver(address, libc, opened.close, fd);
  }

  /** Resolves with the index of the first message from `from` on that matches `pattern`. */
  async waitFor(pattern: RegExp, from = 0): Promise<number> {
    while (true) {
      const i = this.messages.findIndex((m, j) => j >= from && pattern.test(m));
      if (i >= 0) return i;
      if (!this.#open) throw new Error(`receiver closed before ${pattern}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Stops receiving and closes the socket. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#open = false;
    await this.#loop;
    this.#libc.close(this.#fd);
    this.#close();
    if (!this.address.startsWith("@")) await Deno.remove(this.address).catch(() => {});
    for (const w of this.#waiters.splice(0)) w();
  }

  async #receive(): Promise<void> {
    const buffer = new Uint8Array(65536);
    const decoder = new TextDecoder();
    while (this.#open) {
      const n = Number(await this.#libc.recv(this.#fd, buffer, BigInt(buffer.length), 0));
      // -1 is the 100 ms timeout (errno lives on FFI's worker thread, so it is not read here;
      // the fd stays valid until the loop has ended).
      if (n < 0) continue;
      this.messages.push(decoder.decode(buffer.subarray(0, n)));
      for (const w of this.#waiters.splice(0)) w();
    }
  }
}
