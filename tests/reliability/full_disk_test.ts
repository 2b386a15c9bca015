/**
 * A full disk under the child logs (a 1 MiB tmpfs, as root; skipped, saying so, otherwise): the
 * daemon stays up and answers, the child keeps running (its pipe is drained), the failure is
 * logged once, not once per write.
 */

import assert from "node:assert/strict";
import { Daemon, figure, until } from "./reliability_kit.ts";

async function mountTmpfs(dir: string): Promise<string | null> {
  if (Deno.uid() !== 0) return "not root";
  const out = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir],
    stdout: "null",
    stderr: "piped",
  }).output().catch((e) => ({ success: false, stderr: new TextEncoder().encode(String(e)) }));
  return out.success ? null : new TextDecoder().decode(out.stderr).trim() || "mount failed";
}

async function unmount(dir: string): Promise<void> {
  await new Deno.Command("umount", { args: ["-l", dir], stdout: "null", stderr: "null" }).output();
}

const WRITER = `/bin/sh -c 'while :; do head -c 65536 /dev/zero | tr "\\\\0" y; sleep 0.01; done'`;

Deno.test({
  name: "a full disk under the child logs: daemon up, child running, one warning",
  ignore: Deno.uid() !== 0 &&
    (console.log("skipped: a full disk needs root to mount a tmpfs"), true),
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_rel_" });
  const full = `${dir}/full`;
  await Deno.mkdir(full);
  const why = await mountTmpfs(full);
  if (why !== null) {
    console.log(`skipped: a full disk needs a tmpfs mount (${why})`);
    await Deno.remove(dir, { recursive: true });
    return;
  }
  try {
    await using d = await Daemon.start(
      `
[program:writer]
command=${WRITER}
startsecs=0
stdout_logfile=${full}/writer.log
stdout_logfile_maxbytes=0
`,
      { dir },
    );
    const pid = (await d.ctl("pid", "writer")).stdout.trim();
    await until(
      "the disk to fill and the failure to be logged",
      async () => /writer/.test(await d.log()) && /No space left|ENOSPC|space/i.test(await d.log()),
      {
        ms: 60_000,
        everyMs: 200,
      },
    );
    // The writer goes on writing into a full disk for a while.
    const before = (await d.log()).length;
    for (let i = 0; i < 20; i++) assert.match(await d.rpc("supervisor.getState"), /RUNNING/);
    const status = await d.ctl("status", "writer");
    assert.match(status.stdout, /^writer\s+RUNNING/);
    assert.equal(
      (await d.ctl("pid", "writer")).stdout.trim(),
      pid,
      "the child was never restarted",
    );
    const log = await d.log();
    console.log(log.split("\n").filter((l) => /space/i.test(l)).join("\n"));
    const warnings = log.split("\n").filter((l) => /space/i.test(l));
    figure("full_disk_warnings_logged", warnings.length);
    figure("full_disk_log_growth_bytes_after_fill", log.length - before);
    assert.equal(warnings.length, 1, warnings.join("\n"));
  } finally {
    await unmount(full);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
