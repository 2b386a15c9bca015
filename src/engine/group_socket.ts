/**
 * An fcgi-program group's listening socket: made once when the group is added, handed to every
 * process of the pool as its fd 0, kept across their restarts, closed when the group is removed
 * (or the daemon restarts or stops).
 */

import type { ProcessConfig } from "../config/model.ts";
import type { HeldSocket } from "../core/ports.ts";
import type { EngineDeps } from "./engine_deps.ts";

/** The socket of one fcgi-program group, or why it could not be made. */
export class GroupSocket {
  /** The socket's URL (`tcp://host:port`, `unix:///path`). */
  readonly url: string;
  readonly #held: HeldSocket | null;
  readonly #error: string | null;
  readonly #deps: EngineDeps;

  /** Creates the socket now; a failure is logged and kept, to fail each spawn with it. */
  constructor(fcgi: NonNullable<ProcessConfig["fcgi"]>, deps: EngineDeps) {
    this.url = fcgi.socket;
    this.#deps = deps;
    let held: HeldSocket | null = null;
    let error: string | null = null;
    if (deps.sockets === undefined) {
      error = "svisor was built without a socket factory";
    } else {
      try {
        deps.log.log("INFO", `Creating socket ${this.url}`);
        held = deps.sockets.listen({
          url: fcgi.socket,
          backlog: fcgi.socketBacklog,
          owner: fcgi.socket.startsWith("unix://") ? fcgi.socketOwner : null,
          mode: fcgi.socketMode,
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (error !== null) {
      error = `Could not create FastCGI socket ${this.url}: ${error}`;
      deps.log.log("CRIT", error);
    }
    this.#held = held;
    this.#error = error;
  }

  /** The descriptor to give a child as fd 0, or the spawn error when there is no socket. */
  descriptor(): { fd: number } | { error: string } {
    return this.#held === null ? { error: this.#error ?? "" } : { fd: this.#held.fd };
  }

  /** Closes the socket (idempotent). */
  close(): void {
    if (this.#held === null) return;
    this.#deps.log.log("INFO", `Closing socket ${this.url}`);
    this.#held.close();
  }
}
