/** `svisor ctl`: runCtl with this machine's connection, SIGINT, files and terminal. */

import type { Io } from "../core/io.ts";
import { denoConfigFs } from "../sys/config_fs.ts";
import { sigintSource } from "./interrupts.ts";
import { connectRemote } from "./remote_control_service.ts";
import { runCtl } from "./run_ctl.ts";

/** Runs `svisor ctl` on this machine. */
export function ctlCommand(argv: string[], io: Io): Promise<number> {
  return runCtl(argv, io, {
    connect: (s) => connectRemote(s),
    interrupts: sigintSource,
    fs: denoConfigFs(),
    execPath: Deno.execPath(),
    hostname: Deno.hostname(),
    terminal: io.isTerminal && Deno.stdout.isTerminal(),
  });
}
