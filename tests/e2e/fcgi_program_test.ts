/**
 * End to end: an fcgi-program's pool shares one listening socket, made by the daemon, as every
 * child's fd 0; it outlives process restarts and closes when the group is removed.
 */

import assert from "node:assert/strict";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const PYTHON = "/usr/bin/python3";
const CHILD = new URL("../fixtures/fcgi/accept_on_stdin.py", import.meta.url).pathname;
const hasPython = (() => {
  try {
    return Deno.statSync(PYTHON).isFile;
  } catch {
    return false;
  }
})();

function freePort(): number {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  return port;
}

/** One answer from whichever child accepts the connection. */
async function ask(options: Deno.ConnectOptions | Deno.UnixConnectOptions): Promise<string> {
  const conn = await Deno.connect(options as Deno.ConnectOptions);
  try {
    return (await new Response(conn.readable).text()).trim();
  } finally {
    try {
      conn.close();
    } catch {
      // the readable's end already closed it
    }
  }
}

const fdZero = (pid: string) => Deno.readLinkSync(`/proc/${pid}/fd/0`);

function program(socket: string, extra = ""): string {
  return `
[fcgi-program:echo]
socket=${socket}
${extra}
command=${PYTHON} ${CHILD}
process_name=%(program_name)s_%(process_num)02d
numprocs=2
startsecs=0
`;
}

Deno.test({
  name: "numprocs=2 share one tcp socket as fd 0, kept across a restart, closed on removal",
  ignore: !hasPython,
  fn: async () => {
    const port = freePort();
    await using d = await TempDaemon.start(program(`tcp://127.0.0.1:${port}`));
    await d.waitForOutput(/success: echo_00 entered RUNNING/);
    await d.waitForOutput(/success: echo_01 entered RUNNING/);
    assert.match(d.output, new RegExp(`INFO Creating socket tcp://127.0.0.1:${port}\n`));
    const [, pid0] = d.output.match(/spawned: 'echo_00' with pid (\d+)/)!;
    const [, pid1] = d.output.match(/spawned: 'echo_01' with pid (\d+)/)!;
    const socket = fdZero(pid0!);
    assert.match(socket, /^socket:\[\d+\]$/);
    assert.equal(fdZero(pid1!), socket);
    // Either child accepts on it: with echo_01 stopped, echo_00 answers.
    assert.match(await ask({ hostname: "127.0.0.1", port }), /^echo_0[01] \d+$/);
    assert.equal((await d.ctl("stop", "echo:echo_01")).stdout, "echo:echo_01: stopped\n");
    assert.equal(await ask({ hostname: "127.0.0.1", port }), `echo_00 ${pid0}`);
    assert.equal((await d.ctl("start", "echo:echo_01")).stdout, "echo:echo_01: started\n");
    // A restart of one process keeps the socket: the new child gets the very same one.
    assert.equal(
      (await d.ctl("restart", "echo:echo_00")).stdout,
      "echo:echo_00: stopped\necho:echo_00: started\n",
    );
    const [, again] = [...d.output.matchAll(/spawned: 'echo_00' with pid (\d+)/g)].at(-1)!;
    assert.notEqual(again, pid0);
    assert.equal(fdZero(again!), socket);
    assert.match(await ask({ hostname: "127.0.0.1", port }), /^echo_0[01] \d+$/);
    // Removing the group closes the socket: nothing listens on the port any more.
    await Deno.writeTextFile(
      d.conf,
      (await Deno.readTextFile(d.conf)).replace(/\[fcgi-program:echo\][^]*$/, ""),
    );
    const update = await d.ctl("update");
    assert.equal(update.stdout, "echo: stopped\necho: removed process group\n");
    await d.waitForOutput(new RegExp(`INFO Closing socket tcp://127.0.0.1:${port}\n`));
    await assert.rejects(ask({ hostname: "127.0.0.1", port }), Deno.errors.ConnectionRefused);
  },
});

Deno.test({
  name: "a unix fcgi socket gets socket_mode, is shared, and its file goes with the group",
  ignore: !hasPython,
  fn: async () => {
    await using d = await TempDaemon.start(
      program("unix://{{dir}}/fcgi.sock", "socket_mode=0660"),
      {
        // A file left at the path (an earlier run's socket) is replaced, as supervisord does.
        beforeStart: (dir) => Deno.writeTextFile(`${dir}/fcgi.sock`, "stale"),
      },
    );
    await d.waitForOutput(/success: echo_01 entered RUNNING/);
    const path = `${d.dir}/fcgi.sock`;
    const stat = Deno.statSync(path);
    assert.equal(stat.isSocket, true);
    assert.equal(stat.mode! & 0o777, 0o660);
    assert.match(await ask({ transport: "unix", path }), /^echo_0[01] \d+$/);
    assert.equal((await d.ctl("stop", "all")).code, 0);
    // Stopped processes keep the group, and with it the socket, as it was.
    assert.equal(Deno.statSync(path).isSocket, true);
    await Deno.writeTextFile(
      d.conf,
      (await Deno.readTextFile(d.conf)).replace(/\[fcgi-program:echo\][^]*$/, ""),
    );
    assert.equal((await d.ctl("update")).stdout, "echo: stopped\necho: removed process group\n");
    assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
  },
});

Deno.test({
  name: "a socket that cannot be made is logged, and each spawn of the group fails with it",
  ignore: !hasPython,
  fn: async () => {
    using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (taken.addr as Deno.NetAddr).port;
    await using d = await TempDaemon.start(program(`tcp://127.0.0.1:${port}`));
    await d.waitForOutput(
      new RegExp(
        `CRIT Could not create FastCGI socket tcp://127.0.0.1:${port}: \\[Errno 98\\] Address already in use\n`,
      ),
    );
    await d.waitForOutput(/gave up: echo_00 entered FATAL state/);
    const start = await d.ctl("start", "echo:echo_00");
    assert.equal(start.stdout, "echo:echo_00: ERROR (spawn error)\n");
  },
});
