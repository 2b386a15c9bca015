/**
 * sd_notify on Deno: sends notification datagrams to `$NOTIFY_SOCKET` (a path or an `@abstract`
 * name) and reads CLOCK_MONOTONIC for `MONOTONIC_USEC`, both through libc.
 */

import { errno, type Libc } from "./libc.ts";
import { DatagramSender } from "./unix_datagram.ts";

const CLOCK_MONOTONIC = 1;

/** A connection to systemd's notify socket. */
export interface SdNotifier {
  /** The socket address it sends to. */
  readonly address: string;
  /** Sends one notification (`KEY=value` lines); throws when the socket refuses it. */
  send(message: string): void;
  /** CLOCK_MONOTONIC in microseconds, the clock systemd compares `MONOTONIC_USEC` with. */
  monotonicUsec(): bigint;
  /** Closes the socket. */
  close(): void;
}

/** A notifier for `$NOTIFY_SOCKET`, or null when it is unset; throws when it cannot be opened. */
export function openSdNotifier(
  env: Readonly<Record<string, string>>,
  libc: Libc,
): SdNotifier | null {
  const address = env.NOTIFY_SOCKET;
  if (address === undefined || address === "") return null;
  const sender = new DatagramSender(libc, address);
  const encoder = new TextEncoder();
  return {
    address,
    send: (message) => sender.send(encoder.encode(message)),
    monotonicUsec: () => {
      const ts = new BigInt64Array(2);
      if (libc.clock_gettime(CLOCK_MONOTONIC, new Uint8Array(ts.buffer)) !== 0) {
        throw new Error(`clock_gettime: errno ${errno(libc)}`);
      }
      return ts[0]! * 1_000_000n + ts[1]! / 1000n;
    },
    close: () => sender.close(),
  };
}
