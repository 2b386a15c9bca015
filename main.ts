/** svisor's entry point: argv to the CLI, and the only place the process ends. */

import process from "node:process";
import { runCli } from "./src/cli/main_cli.ts";
import { terminalIo } from "./src/sys/terminal_io.ts";

if (import.meta.main) {
  // The name called: a compiled svisor's argv[0] (a `supervisord` symlink); under `deno run`,
  // install-aliases' wrapper scripts pass it in SVISOR_CALLED_AS, kept from the children.
  const calledAs = Deno.env.get("SVISOR_CALLED_AS") ??
    (Deno.build.standalone ? process.argv0 : "svisor");
  Deno.env.delete("SVISOR_CALLED_AS");
  // Ends the process even while a read of stdin is still pending (`ctl fg` left on a SIGINT):
  // everything a subcommand writes is written synchronously before runCli resolves.
  Deno.exit(await runCli(Deno.args, terminalIo(), calledAs));
}
