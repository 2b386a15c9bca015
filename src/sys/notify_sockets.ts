/** sd_notify sockets on Deno: one unix datagram socket per process, in a private directory of the daemon. */

import type { NotifyChannel, NotifySockets } from "../process/probe_ports.ts";

/** Opens notify sockets under a directory made on first use (mode 0700), removed by `close`. */
export class DenoNotifySockets implements NotifySockets, Disposable {
  #dir: string | null = null;
  #count = 0;

  /** Opens a socket; each datagram's text is passed to `onMessage` until the channel is closed. */
  open(name: string, onMessage: (text: string) => void): NotifyChannel {
    this.#dir ??= Deno.makeTempDirSync({ prefix: "svisor-notify-" });
    const safe = name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 40);
    const path = `${this.#dir}/${safe}.${++this.#count}.sock`;
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
        try {
          Deno.removeSync(path);
        } catch {
          // Already gone (the directory was removed first): nothing left to clean.
        }
      },
    };
  }

  /** Removes the directory and anything left in it. */
  [Symbol.dispose](): void {
    if (this.#dir === null) return;
    try {
      Deno.removeSync(this.#dir, { recursive: true });
    } catch {
      // Removed already, or never fully made: nothing to clean.
    }
    this.#dir = null;
  }
}
