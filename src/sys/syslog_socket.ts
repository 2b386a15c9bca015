/**
 * Datagrams to the local syslog socket (/dev/log) through libc: Deno has no unix datagram client
 * outside its unstable API. Sends never block (MSG_DONTWAIT): a record the receiver has no room
 * for, or a missing syslog daemon, drops the record and is reported once per streak of failures.
 */

import { syslogDatagram } from "../log/syslog_record.ts";
import { NET, unixAddress } from "./libc_net.ts";

/** The socket supervisord writes to. */
export const DEV_LOG = "/dev/log";

/**
 * Test-only: a path that replaces /dev/log (a datagram socket a test binds); read once when the
 * daemon opens its syslog.
 */
export const SYSLOG_SOCKET_ENV = "SVISOR_TEST_SYSLOG_SOCKET";

const { AF_UNIX, SOCK_DGRAM, SOCK_CLOEXEC, MSG_DONTWAIT, MSG_NOSIGNAL } = NET;

/** Sends supervisord's syslog records. */
export interface SyslogWriter extends Disposable {
  /** Sends one record (the caller splits messages into lines, see syslogLines). */
  send(record: string): void;
}

/** Options of openSyslog. */
export interface SyslogOptions {
  /** The socket path; default /dev/log, or the test override. */
  path?: string;
  /** Told once per streak of failed sends (the first failure after a success). */
  onError?: (message: string) => void;
  /** Wall clock in epoch milliseconds; default Date.now. */
  now?: () => number;
}

/**
 * A writer to the syslog socket; the unbound datagram socket is made on the first record, so a
 * daemon that never logs to syslog never loads libc.
 */
export function openSyslog(options: SyslogOptions = {}): SyslogWriter {
  const path = options.path ?? Deno.env.get(SYSLOG_SOCKET_ENV) ?? DEV_LOG;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => {});
  const encoder = new TextEncoder();
  let socket: { libc: Libc; fd: number; address: Uint8Array } | null = null;
  let failing = false;
  return {
    send(record: string): void {
      socket ??= openSocket(path);
      const bytes = encoder.encode(syslogDatagram(now(), record));
      const { libc, fd, address } = socket;
      const flags = MSG_DONTWAIT | MSG_NOSIGNAL;
      const sent = fd < 0 ? -1 : Number(
        libc.symbols.sendto(fd, bytes, BigInt(bytes.length), flags, address, address.length),
      );
      if (sent >= 0) {
        failing = false;
        return;
      }
      if (failing) return;
      // Set first: the report may itself be logged to syslog, and fail the same way.
      failing = true;
      onError(`${path}: cannot send to syslog; records are dropped until it can`);
    },
    [Symbol.dispose](): void {
      if (socket === null) return;
      if (socket.fd >= 0) socket.libc.symbols.close(socket.fd);
      socket.libc.close();
      socket = null;
    },
  };
}

const SYMBOLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  sendto: { parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"], result: "isize" },
  close: { parameters: ["i32"], result: "i32" },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>;

function openSocket(path: string): { libc: Libc; fd: number; address: Uint8Array } {
  const libc = Deno.dlopen("libc.so.6", SYMBOLS);
  const fd = libc.symbols.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  return { libc, fd, address: unixAddress(path) };
}
