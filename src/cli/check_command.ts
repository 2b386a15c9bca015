/** `svisor check`: not built yet. */

import type { Io } from "../cli/io.ts";

/** Runs `svisor check`. */
export function checkCommand(_argv: string[], io: Io): Promise<number> {
  io.err("svisor check: not implemented yet\n");
  return Promise.resolve(3);
}
