/**
 * Readiness notification channels on Deno, in a private directory of the daemon: one unix datagram
 * socket per process for sd_notify, or one fifo per process for s6's notification fd.
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

  /**
   * Makes a fifo (mkfifo(1)) and reads it for as long as the channel is open; it is opened
   * read-write, so a child closing its end is no end of file and the next child can write again.
   */
  openFifo(name: string, onMessage: (text: string) => void): NotifyChannel {
    const path = this.#path(name, "fifo");
    const made = new Deno.Command("mkfifo", { args: ["-m", "0600", path] }).outputSync();
    if (!made.success) {
      throw new Error(`mkfifo ${path}: ${new TextDecoder().decode(made.stderr).trim()}`);
    }
    let file: Deno.FsFile | null = null;
    let open = true;
    const decoder = new TextDecoder();
    (async () => {
      file = await Deno.open(path, { read: true, write: true });
      const buf = new Uint8Array(512);
      while (open) {
        const n = await file.read(buf);
        if (n === null) return;
        onMessage(decoder.decode(buf.subarray(0, n)));
      }
    })().catch(() => {/* closing the fifo ends the read loop with an error: that is the end */});
    return {
      path,
      close: () => {
        if (!open) return;
        open = false;
        try {
          (file as Deno.FsFile | null)?.close();
        } catch {
          // Closed already by a failed read: nothing left to close.
        }
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
