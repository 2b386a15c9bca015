/** End to end: minfds and minprocs raise the soft limits as supervisord does, or fail as it does. */

import assert from "node:assert/strict";
import { parseLimits } from "../../src/sys/rlimits.ts";
import { daemonHeader, svisorArgv } from "../helpers/temp_daemon.ts";

const SETPRIV = "/usr/bin/setpriv";
const hasSetpriv = (() => {
  try {
    return Deno.statSync(SETPRIV).isFile;
  } catch {
    return false;
  }
})();

/** Runs `argv` under `sh -c 'ulimit ...; exec "$@"'`, optionally without CAP_SYS_RESOURCE. */
async function underLimits(
  ulimits: string,
  argv: string[],
  dropCap: boolean,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const sh = ["/bin/sh", "-c", `ulimit ${ulimits}; exec "$@"`, "sh", ...argv];
  const full = dropCap
    ? [SETPRIV, "--inh-caps=-sys_resource", "--bounding-set=-sys_resource", ...sh]
    : sh;
  const out = await new Deno.Command(full[0]!, {
    args: full.slice(1),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("minfds is a floor the children have at least (never lowered); minprocs raises RLIMIT_NPROC", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_limits_" });
  try {
    await Deno.writeTextFile(
      `${dir}/svisor.conf`,
      daemonHeader(dir, "minfds=900\nminprocs=321\n") + `
[program:report]
command=/bin/sleep 1000
startsecs=0
`,
    );
    const daemon = new Deno.Command("/bin/bash", {
      args: [
        "-c",
        'ulimit -Su 150; exec "$@"',
        "sh",
        ...svisorArgv(),
        "daemon",
        "-n",
        "-c",
        `${dir}/svisor.conf`,
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = daemon.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let out = "";
    while (!/success: report entered RUNNING/.test(out)) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    const pid = out.match(/spawned: 'report' with pid (\d+)/)![1];
    const limits = parseLimits(await Deno.readTextFile(`/proc/${pid}/limits`));
    daemon.kill("SIGTERM");
    while (!(await reader.read()).done);
    await daemon.status;
    assert.match(out, /INFO Increased RLIMIT_NPROC limit to 321\n/);
    assert.doesNotMatch(out, /RLIMIT_NOFILE/);
    // The child's own limits, as the kernel showed them while it ran.
    assert.ok((limits.openFiles.soft ?? 0) >= 900, `soft limit of files ${limits.openFiles.soft}`);
    assert.equal(limits.processes.soft, 321);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a hard limit below minfds stops the daemon with supervisord's message",
  ignore: !hasSetpriv || Deno.uid() !== 0,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "svisor_limits_" });
    try {
      const conf = `${dir}/svisor.conf`;
      await Deno.writeTextFile(conf, daemonHeader(dir, "minfds=1024\nnodaemon=true\n"));
      const svisor = await underLimits("-n 512", [...svisorArgv(), "daemon", "-c", conf], true);
      assert.equal(svisor.code, 2);
      const expected =
        'Error: The minimum number of file descriptors required to run this process is 1024 as per the "minfds" command-line argument or config file setting. The current environment will only allow you to open 1024 file descriptors.  Either raise the number of usable file descriptors in your environment (see README.rst) or lower the minfds setting in the config file to allow the process to start.\n';
      assert.equal(svisor.stderr, `${expected}For help, use svisor daemon -h\n`);
      const supervisord = "/usr/bin/supervisord";
      if ((await Deno.stat(supervisord).catch(() => null)) !== null) {
        const real = await underLimits("-n 512", [supervisord, "-c", conf], true);
        assert.equal(real.code, 2);
        assert.equal(real.stderr.split("\n")[0] + "\n", expected);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
