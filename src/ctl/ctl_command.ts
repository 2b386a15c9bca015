/** `svisor ctl`: not built yet. */

import type { Io } from "../cli/io.ts";

/** Runs `svisor ctl`. */
export function ctlCommand(_argv: string[], io: Io): Promise<number> {
  io.err("svisor ctl: not implemented yet\n");
  return Promise.resolve(3);
}
