/** Bug 6: a symbolic link at the unix socket path is named as such, not taken for a live server. */

import assert from "node:assert/strict";
import { runSvisor } from "../helpers/temp_daemon.ts";

Deno.test("a symlink at the socket path stops the start with a message naming the path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "svisor_rel_" });
  try {
    const sock = `${dir}/svisor.sock`;
    await Deno.symlink(`${dir}/elsewhere`, sock);
    await Deno.writeTextFile(
      `${dir}/svisor.conf`,
      `[unix_http_server]\nfile=${sock}\n[supervisord]\nlogfile=${dir}/svisor.log\npidfile=${dir}/svisor.pid\n`,
    );
    const r = await runSvisor(["daemon", "-n", "-c", `${dir}/svisor.conf`], { cwd: dir });
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stderr, /Another program is already listening/);
    assert.match(
      r.stderr,
      new RegExp(`\\[unix_http_server\\] file: "${sock}" is a symbolic link, not a socket`),
    );
    assert.equal((await Deno.lstat(sock)).isSymlink, true, "the link is left as it was");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
