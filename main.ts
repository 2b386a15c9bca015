/** svisor's entry point: argv to the CLI, and the only place the process ends. */

import { runCli } from "./src/cli/main_cli.ts";
import { terminalIo } from "./src/sys/terminal_io.ts";

if (import.meta.main) {
  Deno.exitCode = await runCli(Deno.args, terminalIo());
}
