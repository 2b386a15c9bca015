/** Tests of svisor's `vital` and `vital_exitcode` program options. */

import assert from "node:assert/strict";
import { ConfigErrors } from "../../src/core/errors.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import type { Config } from "../../src/config/model.ts";
import { fakeConfigFs } from "./fake_config_fs.ts";
import { runSvisor } from "../helpers/temp_daemon.ts";

function load(body: string): Config {
  const fs = fakeConfigFs({ "/etc/s/main.conf": `[supervisord]\n${body}` }, { dirs: ["/work"] });
  return loadConfig("/etc/s/main.conf", { fs, cwd: "/work", hostname: "box", env: {} });
}

function vitalOf(body: string) {
  return load(body).groups[0]!.processes[0]!.vital;
}

Deno.test("vital: absent, false, true/fatal and exit; vital_exitcode defaults to 1", () => {
  assert.equal(vitalOf("[program:a]\ncommand=/bin/true\n"), undefined);
  assert.equal(vitalOf("[program:a]\ncommand=/bin/true\nvital=off\n"), undefined);
  assert.deepEqual(vitalOf("[program:a]\ncommand=/bin/true\nvital=true\n"), {
    on: "fatal",
    exitcode: 1,
  });
  assert.deepEqual(vitalOf("[program:a]\ncommand=/bin/true\nvital=EXIT\nvital_exitcode=70\n"), {
    on: "exit",
    exitcode: 70,
  });
});

Deno.test("vital: bad values are errors naming file, line, section and option", () => {
  const messages = (body: string) => {
    try {
      load(body);
    } catch (e) {
      assert.ok(e instanceof ConfigErrors);
      return e.errors.map((x) => x.message);
    }
    assert.fail("loaded");
  };
  assert.deepEqual(messages("[program:a]\ncommand=/bin/true\nvital=maybe\n"), [
    '/etc/s/main.conf:4: [program:a] vital: "maybe" is not one of false, true, fatal, exit',
  ]);
  assert.deepEqual(messages("[program:a]\ncommand=/bin/true\nvital=exit\nvital_exitcode=0\n"), [
    "/etc/s/main.conf:5: [program:a] vital_exitcode: 0 is not an exit status from 1 to 255",
  ]);
});

Deno.test("vital_exitcode without vital is a warning; a typo of vital gets a suggestion", () => {
  const c = load("[program:a]\ncommand=/bin/true\nvitl=true\nvital_exitcode=4\n");
  assert.deepEqual(c.warnings.map((w) => w.message), [
    '/etc/s/main.conf:4: [program:a] vitl: unknown option, ignored; did you mean "vital"?',
    "/etc/s/main.conf:5: [program:a] vital_exitcode: vital_exitcode has no effect without vital=fatal or vital=exit",
  ]);
});

Deno.test("svisor check shows a vital program's exit status and event", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_vital_check_" });
  await Deno.writeTextFile(
    `${dir}/svisor.conf`,
    "[supervisord]\n[program:web]\ncommand=/bin/sleep 1\nvital=fatal\nvital_exitcode=3\n",
  );
  const r = await runSvisor(["check", "-c", `${dir}/svisor.conf`]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.split("\n").includes("    web (vital: exit 3 on fatal)"), r.stdout);
  await Deno.remove(dir, { recursive: true });
});
