/**
 * One Spawner contract, run against the FakeSpawner engine tests use and the Deno spawner the daemon
 * uses. A behaviour is a small script: the real side runs it as /bin/sh, the fake side plays it
 * through the FakeChild's controls, and both must look the same through the ChildHandle port.
 */

import assert from "node:assert/strict";
import type { ChildHandle, Spawner, SpawnRequest } from "../../src/core/ports.ts";
import { denoSpawner } from "../../src/sys/deno_spawner.ts";
import { type FakeChild, FakeSpawner } from "../helpers/fake_spawner.ts";

/** What a child does: print to each stream, then exit, or wait for a signal. */
interface Script {
  out?: string;
  err?: string;
  /** Exit with this code; absent: wait until signalled. */
  exit?: number;
  /** Echo one line of stdin to stdout before the rest. */
  echoLine?: boolean;
}

/** Starts a child that follows the script. */
type Run = (script: Script, options?: { redirectStderr?: boolean }) => ChildHandle;

function request(args: string[], redirectStderr: boolean): SpawnRequest {
  return { file: "/bin/sh", args, argv0: "sh", env: { PATH: "/usr/bin:/bin" }, redirectStderr };
}

function realRun(spawner: Spawner): Run {
  return (script, options = {}) => {
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    const steps = [
      script.echoLine ? 'read line; printf "%s\\n" "$line"' : "",
      script.out !== undefined ? `printf %s ${q(script.out)}` : "",
      script.err !== undefined ? `printf %s ${q(script.err)} >&2` : "",
      script.exit !== undefined ? `exit ${script.exit}` : "exec sleep 1000",
    ].filter((s) => s !== "");
    return spawner.spawn(request(["-c", steps.join("; ")], options.redirectStderr ?? false));
  };
}

function fakeRun(spawner: FakeSpawner): Run {
  return (script, options = {}) => {
    const child = spawner.spawn(request(["-c", "scripted"], options.redirectStderr ?? false));
    const fake = spawner.children[spawner.children.length - 1] as FakeChild;
    const rest = () => {
      if (script.out !== undefined) fake.write(script.out);
      if (script.err !== undefined) fake.write(script.err, "stderr");
      if (script.exit !== undefined) fake.exit(script.exit);
    };
    if (!script.echoLine) {
      queueMicrotask(rest);
      return child;
    }
    // The fake child "reads" stdin: the first write is echoed, then the script goes on.
    const write = child.writeStdin.bind(child);
    Object.assign(child, {
      writeStdin: async (data: Uint8Array) => {
        await write(data);
        fake.write(new TextDecoder().decode(data));
        rest();
      },
    });
    return child;
  };
}

async function textOf(stream: ReadableStream<Uint8Array> | null): Promise<string> {
  return stream === null ? "" : await new Response(stream).text();
}

function spawnerContract(label: string, make: () => Run): void {
  Deno.test(`${label}: output on each stream, then the exit code`, async () => {
    const child = make()({ out: "to out\n", err: "to err\n", exit: 3 });
    assert.ok(child.pid > 0);
    const [out, err, status] = await Promise.all([
      textOf(child.stdout),
      textOf(child.stderr),
      child.status,
    ]);
    assert.deepEqual({ out, err, status }, {
      out: "to out\n",
      err: "to err\n",
      status: { code: 3, signal: null },
    });
  });

  Deno.test(`${label}: redirect_stderr: stderr bytes arrive on stderr ?? stdout, none lost`, async () => {
    const child = make()({ err: "e\n", exit: 0 }, { redirectStderr: true });
    const [out, err] = await Promise.all([textOf(child.stdout), textOf(child.stderr)]);
    // The fake merges (stderr null); Deno cannot, so the engine writes both pipes to the stdout log.
    assert.equal(child.stderr === null ? out : err, "e\n");
    assert.equal((await child.status).code, 0);
  });

  Deno.test(`${label}: a signal ends the child with that signal; a later kill is harmless`, async () => {
    const child = make()({});
    child.kill("SIGTERM", false);
    const [status] = await Promise.all([child.status, textOf(child.stdout), textOf(child.stderr)]);
    assert.deepEqual(status, { code: null, signal: "SIGTERM" });
    child.kill("SIGTERM", true);
  });

  Deno.test(`${label}: stdin reaches the child; after it is reaped a write rejects`, async () => {
    const child = make()({ echoLine: true, exit: 0 });
    const out = textOf(child.stdout);
    await child.writeStdin(new TextEncoder().encode("hello\n"));
    assert.equal(await out, "hello\n");
    await Promise.all([child.status, textOf(child.stderr)]);
    await assert.rejects(child.writeStdin(new TextEncoder().encode("late\n")));
  });
}

spawnerContract("FakeSpawner", () => fakeRun(new FakeSpawner()));
spawnerContract("denoSpawner", () => realRun(denoSpawner()));
