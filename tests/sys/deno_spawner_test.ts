import assert from "node:assert/strict";
import { denoSpawner } from "../../src/sys/deno_spawner.ts";
import { SvisorError } from "../../src/core/errors.ts";

const ENV = { PATH: "/usr/bin:/bin" };

function pgidOf(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

Deno.test("a child leads its own process group, gets the umask and a clean environment", async () => {
  const child = denoSpawner().spawn({
    file: "/bin/sh",
    args: ["-c", 'umask; echo "[$SVISOR_X][$HOME]"; echo err >&2'],
    argv0: "sh",
    env: { ...ENV, SVISOR_X: "1" },
    umask: 0o077,
    redirectStderr: false,
  });
  assert.equal(pgidOf(child.pid), child.pid);
  const [out, err, status] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr!).text(),
    child.status,
  ]);
  assert.equal(out, "0077\n[1][]\n");
  assert.equal(err, "err\n");
  assert.deepEqual(status, { code: 0, signal: null });
});

Deno.test("a group kill reaches grandchildren; killing a reaped child is harmless", async () => {
  const child = denoSpawner().spawn({
    file: "/bin/sh",
    args: ["-c", "sleep 60 & echo $!; wait"],
    argv0: "sh",
    env: ENV,
    redirectStderr: false,
  });
  const reader = child.stdout.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  const grandchild = Number(first.trim());
  child.kill("SIGTERM", true);
  assert.deepEqual(await child.status, { code: null, signal: "SIGTERM" });
  // The grandchild holds stdout open: its end of file says the grandchild's fds are closed.
  await child.stderr!.cancel();
  while (!(await reader.read()).done);
  let gone = false;
  try {
    const stat = Deno.readTextFileSync(`/proc/${grandchild}/stat`);
    gone = stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    gone = true;
  }
  assert.ok(gone, `grandchild ${grandchild} survived`);
  child.kill("SIGTERM", false);
});

Deno.test("stdin reaches the child; a command that vanished fails as supervisord's child does", async () => {
  const child = denoSpawner().spawn({
    file: "/bin/sh",
    args: ["-c", "read line; echo got $line"],
    argv0: "sh",
    env: ENV,
    redirectStderr: false,
  });
  await child.writeStdin(new TextEncoder().encode("hello\n"));
  const [out] = await Promise.all([new Response(child.stdout).text(), child.stderr!.cancel()]);
  assert.equal(out, "got hello\n");
  assert.deepEqual(await child.status, { code: 0, signal: null });
  // The engine checks the command first; this is the race where it disappears before the spawn.
  const spawnMissing = () =>
    denoSpawner().spawn({
      file: "/nonexistent/x",
      args: [],
      argv0: "x",
      env: ENV,
      redirectStderr: false,
    });
  if (hasSetsid()) {
    // Through setsid(1) the exec fails in the child: it exits 127 and says why on stderr.
    const gone = spawnMissing();
    const [, err] = await Promise.all([gone.stdout.cancel(), new Response(gone.stderr!).text()]);
    assert.deepEqual(await gone.status, { code: 127, signal: null });
    assert.match(err, /\/nonexistent\/x/);
  } else {
    assert.throws(
      spawnMissing,
      (e: unknown) =>
        e instanceof SvisorError && e.code === "SPAWN_ERROR" &&
        /can't find command/.test(e.message),
    );
  }
});

function hasSetsid(): boolean {
  try {
    return Deno.statSync("/usr/bin/setsid").isFile;
  } catch {
    return false;
  }
}

Deno.test("argv[0] is the word as written on both ways of spawning, and the child leads its session", async () => {
  // With PATH the word goes through setsid(1)'s execvp; without, through node:child_process.
  for (const [env, file] of [[ENV, "/usr/bin/sh"], [{}, "/bin/sh"]] as const) {
    const child = denoSpawner().spawn({
      file,
      args: ["-c", 'echo "$0"; read line'],
      argv0: "sh",
      env,
      redirectStderr: false,
    });
    const reader = child.stdout.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), "sh\n");
    const stat = Deno.readTextFileSync(`/proc/${child.pid}/stat`);
    const [, , pgid, sid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    assert.deepEqual([Number(pgid), Number(sid)], [child.pid, child.pid]);
    await child.writeStdin(new TextEncoder().encode("\n"));
    assert.deepEqual(await child.status, { code: 0, signal: null });
    while (!(await reader.read()).done);
    await child.stderr!.cancel();
  }
});

Deno.test("notifyFd: the child's fd N is a socket to the daemon; argv, session and umask are its own", async () => {
  const child = denoSpawner().spawn({
    file: "/bin/sh",
    args: ["-c", 'umask; ls /proc/self/fd/ | grep -qx 4 || echo "4 closed"; printf "up\\n" >&9'],
    argv0: "sh",
    env: ENV,
    umask: 0o027,
    redirectStderr: false,
    notifyFd: 9,
  });
  assert.ok(child.notifications !== undefined);
  const cmdline = Deno.readTextFileSync(`/proc/${child.pid}/cmdline`).split("\0");
  assert.equal(cmdline[0], "sh");
  assert.equal(pgidOf(child.pid), child.pid);
  const [out, err, notified, status] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr!).text(),
    new Response(child.notifications).text(),
    child.status,
  ]);
  assert.equal(out, "0027\n4 closed\n");
  assert.equal(err, "");
  assert.equal(notified, "up\n");
  assert.deepEqual(status, { code: 0, signal: null });
});
