/**
 * The Spawner port on Deno.Command: no shell, a clean environment, each child the leader of its own
 * session and process group (`detached`), stdin/stdout/stderr piped. Deno cannot point a child's
 * stderr at its stdout pipe, so with redirect_stderr both pipes are read and the engine writes both
 * into the stdout log in arrival order. Deno cannot set argv[0] apart from the file: a command
 * found on PATH is exec'd by its word through setsid(1)'s execvp; any other child whose argv[0] as
 * written differs from the file found goes through `node_child.ts`, as does a child that gets s6's
 * notification fd (Deno.Command passes only stdin, stdout and stderr).
 *
 * With a uid and no directory, Deno fails the spawn (EACCES) when the daemon's working directory is
 * closed to that user, where supervisord's child just keeps the unreadable cwd; the child then
 * starts in `/` instead.
 */

import process from "node:process";
import { SvisorError } from "../core/errors.ts";
import type { ChildHandle, ExitStatus, Spawner, SpawnRequest } from "../core/ports.ts";
import { spawnThroughNode } from "./node_child.ts";

/** Starts children with Deno.Command. */
export function denoSpawner(): Spawner {
  return { spawn: spawnChild };
}

/**
 * util-linux's setsid(1): run as the child, it makes a new session and execs the program in the
 * same process (a spawned child is never a group leader, so it does not fork). Deno's `detached`
 * forks the whole daemon for each child (about 2 ms at 100 MB, on the main thread); a plain spawn
 * goes through posix_spawn, which costs the same at any size. Null where it is missing.
 */
const SETSID = (() => {
  try {
    return Deno.statSync("/usr/bin/setsid").isFile ? "/usr/bin/setsid" : null;
  } catch {
    return null;
  }
})();

/**
 * Whether setsid(1) can exec the command by its word as written: its execvp searches the child's
 * PATH (the PATH the engine resolved the word with) and must find the very file resolved, so no
 * earlier entry may have the word.
 */
function setsidFindsIt(request: SpawnRequest): boolean {
  const path = request.env["PATH"] ?? "";
  if (SETSID === null || request.uid !== undefined || path === "" || request.argv0.includes("/")) {
    return false;
  }
  const word = request.argv0;
  for (const dir of path.split(":")) {
    const candidate = dir === "" ? word : dir.endsWith("/") ? dir + word : `${dir}/${word}`;
    if (candidate === request.file) return true;
    // An earlier entry that has the word would be execvp's pick, not the file resolved.
    if (exists(candidate)) return false;
  }
  return false;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function spawnChild(request: SpawnRequest): ChildHandle {
  const byWord = request.argv0 !== request.file && setsidFindsIt(request);
  if ((request.argv0 !== request.file && !byWord) || request.notifyFd !== undefined) {
    const saved = request.umask === undefined ? null : process.umask(request.umask);
    try {
      // Refused (a missing directory, say): Deno.Command below fails the same way and says why;
      // should it start the child after all, that child has no notification fd and stays unready.
      const child = spawnThroughNode(request);
      if (child !== null) return child;
    } finally {
      if (saved !== null) process.umask(saved);
    }
  }
  // With a uid, Deno forks anyway (setuid happens between fork and exec): detached costs nothing.
  const viaSetsid = SETSID !== null && request.uid === undefined;
  const file = viaSetsid ? SETSID! : request.file;
  const options: Deno.CommandOptions = {
    args: viaSetsid ? [byWord ? request.argv0 : request.file, ...request.args] : [...request.args],
    env: { ...request.env },
    clearEnv: true,
    // Deno.Command takes a raw descriptor for stdin (undocumented; Node's spawn relies on it).
    stdin: request.stdinFd === undefined ? "piped" : request.stdinFd as unknown as "null",
    stdout: "piped",
    stderr: "piped",
    detached: !viaSetsid,
  };
  if (request.cwd !== undefined) options.cwd = request.cwd;
  if (request.uid !== undefined) options.uid = request.uid;
  if (request.gid !== undefined) options.gid = request.gid;
  let child: Deno.ChildProcess;
  const saved = request.umask === undefined ? null : process.umask(request.umask);
  try {
    child = spawnOrRetryFromRoot(file, options, request.cwd === undefined);
  } catch (e) {
    if (request.cwd !== undefined && e instanceof Deno.errors.NotFound) {
      child = childSideFailure(`couldn't chdir to ${request.cwd}: ENOENT`, options);
    } else {
      throw new SvisorError("SPAWN_ERROR", spawnErrorText(request, e));
    }
  } finally {
    if (saved !== null) process.umask(saved);
  }
  return new DenoChild(child, request.stdinFd === undefined);
}

/**
 * supervisord forks first and chdirs in the child: a missing directory is a child that writes two
 * `supervisor:` lines to its stderr and exits 127 (so: spawned, then exited too quickly). Deno
 * checks the directory before forking, so a stand-in child says and does exactly that. The texts
 * are passed as arguments, never spliced into the script.
 */
function childSideFailure(why: string, options: Deno.CommandOptions): Deno.ChildProcess {
  const script = 'printf "supervisor: %s\\n" "$1" "child process was not spawned" >&2; exit 127';
  const { cwd: _cwd, uid: _uid, gid: _gid, ...rest } = options;
  return new Deno.Command("/bin/sh", { ...rest, args: ["-c", script, "sh", why] }).spawn();
}

function spawnOrRetryFromRoot(
  file: string,
  options: Deno.CommandOptions,
  cwdInherited: boolean,
): Deno.ChildProcess {
  try {
    return new Deno.Command(file, options).spawn();
  } catch (e) {
    const retry = cwdInherited && options.uid !== undefined &&
      e instanceof Deno.errors.PermissionDenied;
    if (!retry) throw e;
    return new Deno.Command(file, { ...options, cwd: "/" }).spawn();
  }
}

function spawnErrorText(request: SpawnRequest, e: unknown): string {
  if (e instanceof Deno.errors.NotFound) {
    return request.cwd !== undefined
      ? `couldn't chdir to ${request.cwd}: ENOENT`
      : `can't find command '${request.file}'`;
  }
  if (e instanceof Deno.errors.PermissionDenied) {
    return `command at '${request.file}' is not executable`;
  }
  return e instanceof Error ? e.message : String(e);
}

class DenoChild implements ChildHandle {
  readonly pid: number;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  readonly status: Promise<ExitStatus>;
  readonly #child: Deno.ChildProcess;
  /** The stdin pipe's writer, taken at the first write (most children are never written to). */
  #stdin: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #stdinOpen: boolean;
  #exited = false;

  constructor(child: Deno.ChildProcess, stdinPiped: boolean) {
    this.#child = child;
    this.pid = child.pid;
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    this.#stdinOpen = stdinPiped;
    this.status = child.status.then(async (s) => {
      this.#exited = true;
      await this.#closeStdin();
      return { code: s.signal === null ? s.code : null, signal: s.signal };
    });
  }

  async writeStdin(data: Uint8Array): Promise<void> {
    if (!this.#stdinOpen) throw new SvisorError("NO_FILE", "stdin is closed");
    this.#stdin ??= this.#child.stdin.getWriter();
    try {
      await this.#stdin.write(data);
    } catch (e) {
      throw new SvisorError("NO_FILE", e instanceof Error ? e.message : String(e));
    }
  }

  kill(signal: string, group: boolean): void {
    try {
      if (group) Deno.kill(-this.pid, signal as Deno.Signal);
      else this.#child.kill(signal as Deno.Signal);
    } catch (e) {
      if (this.#exited || e instanceof Deno.errors.NotFound) return;
      if (/ESRCH|No such process|already terminated/i.test(String(e))) return;
      throw e;
    }
  }

  async #closeStdin(): Promise<void> {
    if (!this.#stdinOpen) return;
    this.#stdinOpen = false;
    const writer = this.#stdin;
    this.#stdin = null;
    try {
      await (writer === null ? this.#child.stdin.close() : writer.close());
    } catch {
      // the child is gone: the pipe is broken
    }
  }
}
