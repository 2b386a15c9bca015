import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main_cli.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import { VERSION } from "../../src/core/version.ts";

Deno.test("svisor --version prints the version and exits 0", async () => {
  const io = memoryIo();
  assert.equal(await runCli(["--version"], io), 0);
  assert.equal(io.stdout(), `svisor ${VERSION}\n`);
});

Deno.test("svisor --help lists every subcommand", async () => {
  const io = memoryIo();
  assert.equal(await runCli(["--help"], io), 0);
  for (const name of ["daemon", "ctl", "check", "help", "version"]) {
    assert.match(io.stdout(), new RegExp(`^  ${name} +\\S`, "m"));
  }
});

Deno.test("svisor with no command prints usage and exits 2", async () => {
  const io = memoryIo();
  assert.equal(await runCli([], io), 2);
  assert.match(io.stdout(), /^Usage: svisor <command>/);
});

Deno.test("an unknown command names itself and the commands, exit 2", async () => {
  const io = memoryIo();
  assert.equal(await runCli(["deamon"], io), 2);
  assert.equal(
    io.stderr(),
    'svisor: unknown command "deamon" (commands: daemon, ctl, service, check)\n',
  );
});
