/**
 * Children that Deno.Command cannot start as asked, started through `node:child_process`, each the
 * leader of its own session (`detached`), with no shell or helper process in between:
 *
 * - one whose argv[0] differs from the file executed (`sleep` for `/usr/bin/sleep`), as
 *   supervisord's `execve(filename, argv)` leaves it (Node's `argv0` option);
 * - one that gets s6's notification fd: Node's `stdio` array gives the child the write end of a
 *   fresh socket pair at any index N (entries 3..N-1 `ignore`: those descriptors stay closed), and
 *   the daemon reads the other end. Deno dup2s it to N in the forked child, just before the exec.
 */

import { type ChildProcess, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { SvisorError } from "../core/errors.ts";
import type { ChildHandle, ExitStatus, SpawnRequest } from "../core/ports.ts";

/**
 * Starts `request.file` with argv[0] = `request.argv0`; null when the OS refused (the caller then
 * repeats the spawn through Deno.Command, which says why synchronously). `request.stdinFd`, when
 * given, is the child's fd 0 instead of a pipe; with `request.notifyFd` the handle's
 * `notifications` is what the child writes to that descriptor.
 */
export function spawnThroughNode(request: SpawnRequest): ChildHandle | null {
  const stdio: Array<number | "pipe" | "ignore"> = [request.stdinFd ?? "pipe", "pipe", "pipe"];
  const notifyFd = request.notifyFd;
  if (notifyFd !== undefined) {
    while (stdio.length < notifyFd) stdio.push("ignore");
    stdio.push("pipe");
  }
  const child = spawn(request.file, [...request.args], {
    argv0: request.argv0,
    env: { ...request.env },
    detached: true,
    stdio,
    ...(request.cwd === undefined ? {} : { cwd: request.cwd }),
    ...(request.uid === undefined ? {} : { uid: request.uid }),
    ...(request.gid === undefined ? {} : { gid: request.gid }),
  });
  // A refused spawn is reported here, after the fact; the caller has already fallen back.
  child.on("error", () => {});
  if (child.pid === undefined) return null;
  // EPIPE after the child closed its stdin: writeStdin's callback reports it to the caller.
  child.stdin?.on("error", () => {});
  const notifications = notifyFd === undefined ? null : child.stdio[notifyFd] as Readable | null;
  return new NodeChild(child, child.pid, notifications ?? null);
}

class NodeChild implements ChildHandle {
  readonly pid: number;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  readonly status: Promise<ExitStatus>;
  readonly notifications?: ReadableStream<Uint8Array> | undefined;
  readonly #child: ChildProcess;
  #exited = false;

  constructor(child: ChildProcess, pid: number, notifications: Readable | null) {
    this.#child = child;
    this.pid = pid;
    this.stdout = webStream(child.stdout!);
    this.stderr = webStream(child.stderr!);
    if (notifications !== null) this.notifications = webStream(notifications);
    this.status = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.#exited = true;
        // The pipe may already be broken: destroying it is the close.
        child.stdin?.destroy();
        // A descendant may still hold the notification fd: it means nothing once the child is gone.
        notifications?.destroy();
        resolve({ code: signal === null ? code : null, signal: signal ?? null });
      });
    });
  }

  writeStdin(data: Uint8Array): Promise<void> {
    const stdin = this.#child.stdin;
    if (stdin === null || this.#exited || stdin.destroyed) {
      return Promise.reject(new SvisorError("NO_FILE", "stdin is closed"));
    }
    return new Promise((resolve, reject) => {
      stdin.write(data, (e) => {
        if (e) reject(new SvisorError("NO_FILE", e.message));
        else resolve();
      });
    });
  }

  kill(signal: string, group: boolean): void {
    try {
      Deno.kill(group ? -this.pid : this.pid, signal as Deno.Signal);
    } catch (e) {
      if (this.#exited || e instanceof Deno.errors.NotFound) return;
      if (/ESRCH|No such process/i.test(String(e))) return;
      throw e;
    }
  }
}

/**
 * A pipe's node Readable as a web stream with backpressure (paused while the consumer lags);
 * cancelling destroys the pipe. (`Readable.toWeb` rejects a promise nobody holds on cancel.)
 */
function webStream(pipe: Readable): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      pipe.on("data", (chunk: Uint8Array) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) pipe.pause();
      });
      pipe.once("end", () => {
        if (open) controller.close();
        open = false;
      });
      pipe.once("error", (e) => {
        if (open) controller.error(e);
        open = false;
      });
      // Destroyed by us (the notification fd at the child's exit): the stream ends there.
      pipe.once("close", () => {
        if (open) controller.close();
        open = false;
      });
    },
    pull() {
      pipe.resume();
    },
    cancel() {
      open = false;
      pipe.destroy();
    },
  }, { highWaterMark: 1 });
}
