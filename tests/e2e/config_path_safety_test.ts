/** End to end: as root, check and the daemon name config paths that others can write. */

import assert from "node:assert/strict";
import { daemonHeader, runSvisor, TempDaemon } from "../helpers/temp_daemon.ts";

const ROOT = Deno.uid() === 0;
const WHY = "whoever can change it can run commands as root through this daemon";

Deno.test({
  name: "check warns about a group-writable include dir and a symlink into a world-writable dir",
  ignore: !ROOT,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "svisor_safety_" });
    try {
      await Deno.mkdir(`${dir}/conf.d`);
      await Deno.chown(`${dir}/conf.d`, 0, 4242);
      await Deno.chmod(`${dir}/conf.d`, 0o775);
      await Deno.writeTextFile(`${dir}/conf.d/a.conf`, "[program:a]\ncommand=/bin/true\n");
      await Deno.mkdir(`${dir}/open`);
      await Deno.chmod(`${dir}/open`, 0o777);
      await Deno.writeTextFile(`${dir}/open/real.conf`, "[program:b]\ncommand=/bin/true\n");
      await Deno.symlink(`${dir}/open/real.conf`, `${dir}/b.conf`);
      await Deno.writeTextFile(
        `${dir}/svisor.conf`,
        daemonHeader(dir) + `\n[include]\nfiles = ${dir}/conf.d/*.conf ${dir}/b.conf\n`,
      );
      const check = await runSvisor(["check", "-c", `${dir}/svisor.conf`]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, new RegExp(`  ${dir}/conf.d: writable by group 4242: ${WHY}\n`));
      assert.match(
        check.stdout,
        new RegExp(
          `  ${dir}/open \\(the target of ${dir}/b.conf\\): writable by everyone: ${WHY}\n`,
        ),
      );
      assert.doesNotMatch(check.stdout, /svisor\.conf: (owned|writable)/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "the daemon warns at start, and refuse_unsafe_config=true makes it refuse",
  ignore: !ROOT,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "svisor_safety_" });
    try {
      const conf = `${dir}/svisor.conf`;
      {
        await using d = await TempDaemon.start("");
        await Deno.chown(d.conf, 4242, 0);
        d.signal("SIGHUP");
        await d.waitForOutput(
          new RegExp(`received SIGHUP[^]*WARN ${d.conf}: owned by uid 4242: ${WHY}\n`),
        );
      }
      await Deno.writeTextFile(conf, daemonHeader(dir, "refuse_unsafe_config=true"));
      await Deno.chmod(conf, 0o666);
      const refused = await runSvisor(["daemon", "-n", "-c", conf]);
      assert.equal(refused.code, 2);
      assert.equal(
        refused.stderr,
        `Error: ${conf}: writable by everyone: ${WHY} (refuse_unsafe_config=true)\nFor help, use svisor daemon -h\n`,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
