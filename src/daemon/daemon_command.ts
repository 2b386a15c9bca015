/** `svisor daemon`: not built yet. */

import type { Io } from "../cli/io.ts";

/** Runs `svisor daemon`. */
export function daemonCommand(_argv: string[], io: Io): Promise<number> {
  io.err("svisor daemon: not implemented yet\n");
  return Promise.resolve(3);
}
