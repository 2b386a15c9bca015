/** Tests command resolution: PATH search through the probe and supervisor's spawn-error texts and fault codes. */

import assert from "node:assert/strict";
import { SvisorError } from "../../src/core/errors.ts";
import { resolveCommand, searchPath } from "../../src/process/command_resolve.ts";
import { FakeProbe } from "../helpers/fake_spawner.ts";

const probe = new FakeProbe(["/usr/bin/cat", "/opt/bin/cat", "/srv/run.sh"])
  .addDirectory("/bin/cat")
  .addDirectory("/srv/dir")
  .addFile("/srv/plain.txt");

function fails(command: string, path: string, code: string, message: string): void {
  assert.throws(
    () => resolveCommand(command, { probe, path }),
    (e) => e instanceof SvisorError && e.code === code && e.message === message,
    command,
  );
}

Deno.test("resolveCommand: searches PATH in order; a path with / is taken as is", () => {
  assert.deepEqual(resolveCommand("cat -n x", { probe, path: "/usr/bin:/opt/bin" }), {
    file: "/usr/bin/cat",
    argv: ["cat", "-n", "x"],
  });
  assert.equal(resolveCommand("cat", { probe, path: "/opt/bin:/usr/bin" }).file, "/opt/bin/cat");
  assert.deepEqual(resolveCommand("/srv/run.sh 'a b'", { probe, path: "" }), {
    file: "/srv/run.sh",
    argv: ["/srv/run.sh", "a b"],
  });
});

Deno.test("resolveCommand: supervisor's errors, with NO_FILE or NOT_EXECUTABLE", () => {
  fails("nope", "/bin:/usr/bin", "NO_FILE", "can't find command 'nope'");
  fails("/srv/missing", "/bin", "NO_FILE", "can't find command '/srv/missing'");
  fails("cat", "/bin:/usr/bin", "NOT_EXECUTABLE", "command at '/bin/cat' is a directory");
  fails("/srv/dir", "/bin", "NOT_EXECUTABLE", "command at '/srv/dir' is a directory");
  fails(
    "/srv/plain.txt",
    "/bin",
    "NOT_EXECUTABLE",
    "command at '/srv/plain.txt' is not executable",
  );
  fails("", "/bin", "NOT_EXECUTABLE", "command is empty");
  fails("  ", "/bin", "NOT_EXECUTABLE", "command is empty");
  fails(
    "cat 'oops",
    "/usr/bin",
    "NOT_EXECUTABLE",
    "can't parse command \"cat 'oops\": No closing quotation",
  );
});

Deno.test("searchPath: the program's PATH, else the daemon's, else supervisor's default", () => {
  assert.equal(searchPath({ PATH: "/a" }, { PATH: "/b" }), "/a");
  assert.equal(searchPath({}, { PATH: "/b" }), "/b");
  assert.equal(searchPath({}, {}), "/bin:/usr/bin:/usr/local/bin");
  assert.equal(searchPath({}, { PATH: "" }), "/bin:/usr/bin:/usr/local/bin");
});
