/** Tests of `svisor check`: summary and exit 0, every error and exit 2, --json, --help, and e2e runs of main.ts. */

import assert from "node:assert/strict";
import { checkCommand } from "../../src/cli/check_command.ts";
import { memoryIo } from "../helpers/memory_io.ts";

const FIXTURES = new URL("../fixtures/configs/", import.meta.url).pathname.replace(/\/$/, "");
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

Deno.test("check prints a summary and exits 0 for a valid config", async () => {
  const io = memoryIo({ cwd: FIXTURES, env: {} });
  assert.equal(await checkCommand(["-c", "webapp.conf"], io), 0);
  const out = io.stdout();
  assert.match(out, /^webapp\.conf: OK \(2 groups, 7 processes, 0 warnings\)\n/);
  assert.match(
    out,
    /\n {4}app:web_01 \(in \/srv\/app\)\n {6}command {2}\/usr\/bin\/env python3 -m http.server 8001\\n--bind 127\.0\.0\.1\n/,
  );
  assert.match(out, /\n {2}http server {2}127\.0\.0\.1:9001 \(user "admin"\)\n/);
  assert.equal(io.stderr(), "");
});

Deno.test("check prints every error location first, then warnings, and exits 2", async () => {
  const io = memoryIo({ cwd: FIXTURES, env: {} });
  assert.equal(await checkCommand(["-c", "bad_missing_command.conf"], io), 2);
  assert.equal(
    io.stderr(),
    "bad_missing_command.conf:4: [program:web] does not specify a command (command= is required)\n" +
      'bad_missing_command.conf:5: warning: [program:web] comand: unknown option, ignored; did you mean "command"?\n',
  );
  assert.equal(io.stdout(), "");
});

Deno.test("check --json prints the resolved model, or the errors", async () => {
  const ok = memoryIo({ cwd: FIXTURES, env: {} });
  assert.equal(await checkCommand(["-c", "pools.conf", "--json"], ok), 0);
  const model = JSON.parse(ok.stdout());
  assert.deepEqual(
    model.groups.map((
      g: { name: string; processes: { name: string }[] },
    ) => [g.name, g.processes.map((p) => p.name)]),
    [["hexa", ["hexa_0", "hexa_1"]], ["pool", ["pool-008", "pool-009", "pool-010"]], ["single", [
      "solo",
    ]]],
  );
  const bad = memoryIo({ cwd: FIXTURES, env: {} });
  assert.equal(await checkCommand(["--json", "-c", "bad_integer.conf"], bad), 2);
  const report = JSON.parse(bad.stdout());
  assert.equal(report.ok, false);
  assert.deepEqual(report.errors[0], {
    file: "bad_integer.conf",
    line: 6,
    section: "program:web",
    option: "startsecs",
    message: 'bad_integer.conf:6: [program:web] startsecs: cannot parse "ten" as an integer',
    detail: 'cannot parse "ten" as an integer',
  });
});

Deno.test("check --help prints usage with the options and exit codes", async () => {
  const io = memoryIo();
  assert.equal(await checkCommand(["--help"], io), 0);
  assert.match(io.stdout(), /^Usage: svisor check \[-c FILE\] \[--json\]\n/);
  assert.match(io.stdout(), /-c, --configuration FILE/);
  assert.match(io.stdout(), /Exit codes:\n {2}0 /);
});

Deno.test("check rejects unknown options with usage and exit 2", async () => {
  const io = memoryIo();
  assert.equal(await checkCommand(["--bogus"], io), 2);
  assert.match(io.stderr(), /^svisor check: Unknown option '--bogus'/);
});

Deno.test("check without -c and no file in the search path says so and exits 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = memoryIo({ cwd: dir });
    const code = await checkCommand([], io);
    if (code === 2) {
      assert.match(
        io.stderr(),
        /^Error: No config file found at default paths \(.*svisor\.conf.*\); use the -c option/,
      );
    } else {
      // A machine with /etc/supervisor/supervisord.conf (or the like) finds that file instead.
      assert.match(io.stdout() + io.stderr(), /supervisord\.conf|svisor\.conf/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: FIXTURES,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("e2e: main.ts check exits 0 on a good config and 2 with file:line on a bad one", async () => {
  const good = await runMain(["check", "-c", "conf_d/main.conf"]);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^conf_d\/main\.conf: OK \(2 groups, 2 processes, 1 warning\)/);
  const bad = await runMain(["check", "-c", "bad_many.conf"]);
  assert.equal(bad.code, 2);
  assert.deepEqual(bad.stderr.trimEnd().split("\n").map((l) => l.split(": ")[0]), [
    "bad_many.conf:4",
    "bad_many.conf:8",
    "bad_many.conf:9",
    "bad_many.conf:10",
    "bad_many.conf:12",
    "bad_many.conf:13",
  ]);
});

Deno.test("e2e: main.ts check shows the warning for a typo'd option", async () => {
  const r = await runMain(["check", "-c", "typos.conf"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /\n {2}typos\.conf:7: \[program:web\] autorestrat: unknown option, ignored; did you mean "autorestart"\?\n/,
  );
});
