/** svisor's entry point: argv to the CLI, and the only place the process ends. */

import { runCli } from "./src/cli/main_cli.ts";
import { terminalIo } from "./src/sys/terminal_io.ts";

if (import.meta.main) {
  // Ends the process even while a read of stdin is still pending (`ctl fg` left on a SIGINT):
  // everything a subcommand writes is written synchronously before runCli resolves.
  Deno.exit(await runCli(Deno.args, terminalIo()));
}
