/**
 * A real `svisor daemon -n` in a temp dir, started through main.ts like the binary, for end-to-end
 * tests: ctl runs against it, its activity log is read as it grows, and disposal stops it and
 * removes the dir.
 */

const REPO = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The argv prefix that runs svisor's entry point. */
export function svisorArgv(): string[] {
  return [
    Deno.execPath(),
    "run",
    "-A",
    "--quiet",
    "--config",
    `${REPO}/deno.json`,
    `${REPO}/main.ts`,
  ];
}

/** What a command printed and returned. */
export interface CommandResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Runs svisor with `args` to completion. */
export async function runSvisor(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CommandResult> {
  const [file, ...prefix] = svisorArgv();
  const child = new Deno.Command(file!, {
    args: [...prefix, ...args],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.env === undefined ? {} : { env: options.env }),
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** The config header every temp daemon gets: socket, log, pidfile and childlogdir in its dir. */
export function daemonHeader(dir: string, extra = "", sockAuth = ""): string {
  return `[unix_http_server]
file=${dir}/svisor.sock
${sockAuth}
[supervisord]
logfile=${dir}/svisor.log
pidfile=${dir}/svisor.pid
childlogdir=${dir}
${extra}
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${dir}/svisor.sock
`;
}

/** A running foreground daemon. */
export class TempDaemon implements AsyncDisposable {
  /** The temp dir (config, socket, logs). */
  readonly dir: string;
  /** The config file. */
  readonly conf: string;
  readonly #child: Deno.ChildProcess;
  #output = "";
  #waiters: Array<() => void> = [];
  readonly #drained: Promise<void>;
  #exit: Deno.CommandStatus | null = null;

  private constructor(dir: string, child: Deno.ChildProcess) {
    this.dir = dir;
    this.conf = `${dir}/svisor.conf`;
    this.#child = child;
    this.#drained = this.#drain();
  }

  /**
   * Writes `svisor.conf` (the header plus `body`, where `{{dir}}` is the temp dir) and starts the
   * daemon in the foreground; resolves once it logged `supervisord started`.
   */
  static async start(
    body: string,
    options: {
      header?: string;
      sockAuth?: string;
      args?: string[];
      env?: Record<string, string>;
      /** Prepares the temp dir before the daemon starts (directories the config names). */
      beforeStart?: (dir: string) => Promise<void>;
    } = {},
  ): Promise<TempDaemon> {
    const dir = await Deno.makeTempDir({ prefix: "svisor_e2e_" });
    await options.beforeStart?.(dir);
    const text = (daemonHeader(dir, options.header ?? "", options.sockAuth ?? "") + body)
      .replaceAll("{{dir}}", dir);
    await Deno.writeTextFile(`${dir}/svisor.conf`, text);
    const [file, ...prefix] = svisorArgv();
    const child = new Deno.Command(file!, {
      args: [...prefix, "daemon", "-n", "-c", `${dir}/svisor.conf`, ...(options.args ?? [])],
      cwd: dir,
      ...(options.env === undefined ? {} : { env: options.env }),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const daemon = new TempDaemon(dir, child);
    await daemon.waitForOutput(/supervisord started with pid \d+/);
    return daemon;
  }

  /** The daemon's pid. */
  get pid(): number {
    return this.#child.pid;
  }

  /** Everything the daemon printed so far (stdout echo of the log, then stderr). */
  get output(): string {
    return this.#output;
  }

  /** Resolves when the printed output matches `pattern`; rejects if the daemon exits first. */
  async waitForOutput(pattern: RegExp): Promise<RegExpMatchArray> {
    while (true) {
      const m = this.#output.match(pattern);
      if (m !== null) return m;
      if (this.#exit !== null) {
        throw new Error(
          `the daemon exited (${this.#exit.code}) before ${pattern}:\n${this.#output}`,
        );
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Runs `svisor ctl -c <conf> ...args`. */
  ctl(...args: string[]): Promise<CommandResult> {
    return runSvisor(["ctl", "-c", this.conf, ...args], { cwd: this.dir });
  }

  /** Sends a signal to the daemon. */
  signal(signal: Deno.Signal): void {
    this.#child.kill(signal);
  }

  /** Resolves with the daemon's exit status once it has exited. */
  async exited(): Promise<Deno.CommandStatus> {
    const status = await this.#child.status;
    await this.#drained;
    return status;
  }

  /** Stops the daemon (SIGTERM) if it runs, waits for it, and removes the temp dir. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#exit === null) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // already gone
      }
    }
    await this.exited();
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  async #drain(): Promise<void> {
    const decoder = new TextDecoder();
    const pump = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream) {
        this.#output += decoder.decode(chunk, { stream: true });
        this.#wake();
      }
    };
    await Promise.all([pump(this.#child.stdout), pump(this.#child.stderr)]);
    this.#exit = await this.#child.status;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
