/**
 * Readiness notification channels on Deno, in a private directory of the daemon: one unix datagram
 * socket per process for sd_notify (s6's notification fd is a pipe the spawner makes per child).
 */

import type { NotifyChannel, NotifySockets } from "../process/probe_ports.ts";

/** Opens notify channels under a directory made on first use (mode 0700), removed at dispose. */
export class DenoNotifySockets implements NotifySockets, Disposable {
  #dir: string | null = null;
  #count = 0;

  /** Opens a socket; each datagram's text is passed to `onMessage` until the channel is closed. */
  open(name: string, onMessage: (text: string) => void): NotifyChannel {
    const path = this.#path(name, "sock");
    const socket = Deno.listenDatagram({ transport: "unixpacket", path });
    const decoder = new TextDecoder();
    let open = true;
    (async () => {
      while (open) {
        const [data] = await socket.receive();
        onMessage(decoder.decode(data));
      }
    })().catch(
      () => {/* closing the socket ends the receive loop with an error: that is the end */},
    );
    return {
      path,
      close: () => {
        if (!open) return;
        open = false;
        socket.close();
        removeQuietly(path);
      },
    };
  }

  /** Removes the directory and anything left in it. */
  [Symbol.dispose](): void {
    if (this.#dir === null) return;
    removeQuietly(this.#dir, true);
    this.#dir = null;
  }

  #path(name: string, ext: string): string {
    this.#dir ??= Deno.makeTempDirSync({ prefix: "svisor-notify-" });
    const safe = name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 40);
    return `${this.#dir}/${safe}.${++this.#count}.${ext}`;
  }
}

function removeQuietly(path: string, recursive = false): void {
  try {
    Deno.removeSync(path, { recursive });
  } catch {
    // Already gone (or never made): nothing left to clean.
  }
}
