/**
 * Runs a compat scenario against one system (a daemon and a ctl) in its own temp dir and returns
 * its normalised transcript: each ctl step's output and exit code, each wait and each check.
 */

import type { Placeholders, Scenario, Step } from "./compat_scenario.ts";
import type { CompatSystem } from "./compat_systems.ts";
import { normalise } from "./compat_normalise.ts";
import { killLeftovers, pidAlive } from "./compat_processes.ts";

/** What a run produced. */
export interface RunResult {
  /** The normalised transcript. */
  transcript: string;
  /** The daemon's own stdout and stderr (for diagnostics). */
  daemonOutput: string;
}

/** The config header every scenario gets unless it sets its own. */
export const STANDARD_HEADER = `[unix_http_server]
file={{sock}}

[supervisord]
logfile={{dir}}/supervisord.log
pidfile={{dir}}/supervisord.pid
childlogdir={{dir}}/logs
loglevel=info

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{{sock}}
`;

const CTL_TIMEOUT_MS = 30_000;
const SCENARIO_BUDGET_MS = 120_000;
const STATUS_POLL_MS = 250;
const SHUTDOWN_TIMEOUT_MS = 20_000;
const POLL_MS = 100;
const decoder = new TextDecoder();

/** Fills `{{name}}` placeholders. */
export function fill(template: string, where: Placeholders): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = (where as unknown as Record<string, string>)[key];
    return value ?? whole;
  });
}

/** Runs SCENARIO against SYSTEM; always stops the daemon and removes the temp dir. */
export async function runScenario(scenario: Scenario, system: CompatSystem): Promise<RunResult> {
  const dir = await Deno.makeTempDir({ prefix: "compat_" });
  const where: Placeholders = {
    dir,
    sock: `${dir}/s.sock`,
    port: String(freePort()),
    children: new URL("../fixtures/compat/children", import.meta.url).pathname,
  };
  const marker = `SVISOR_COMPAT_RUN=${crypto.randomUUID()}`;
  const conf = `${dir}/supervisord.conf`;
  const header = scenario.header ?? STANDARD_HEADER;
  await Deno.mkdir(`${dir}/logs`);
  for (const [path, spec] of Object.entries(scenario.files ?? {})) {
    const { text, mode } = typeof spec === "string" ? { text: spec, mode: 0o755 } : spec;
    const target = `${dir}/${path}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, fill(text, where));
    await Deno.chmod(target, mode);
  }
  await Deno.writeTextFile(conf, fill(`${header}\n${scenario.config}`, where));
  const env = { [marker.split("=")[0]!]: marker.split("=")[1]! };
  const daemon = spawnDaemon(system, conf, dir, env);
  const lines: string[] = [];
  try {
    const ready = await waitReady(header.includes("{{sock}}") ? where.sock : null, where, daemon);
    if (ready !== "") {
      lines.push(`# daemon did not start: ${ready}`);
    } else {
      const ctx: Context = { system, conf, dir, env, daemon, header, where };
      const deadline = Date.now() + SCENARIO_BUDGET_MS;
      for (const [i, step] of scenario.steps.entries()) {
        if (Date.now() > deadline) {
          lines.push(
            `# skipped the last ${scenario.steps.length - i} steps: over the scenario's budget`,
          );
          break;
        }
        lines.push(...await runStep(step, ctx));
      }
    }
    lines.push(`# shutdown: ${await stopDaemon(daemon)}`);
    lines.push(`# processes left behind: ${killLeftovers(marker)}`);
  } finally {
    await stopDaemon(daemon);
    killLeftovers(marker);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  return {
    transcript: normalise(lines.join("\n") + "\n", where),
    daemonOutput: normalise(await daemon.output, where),
  };
}

interface Daemon {
  child: Deno.ChildProcess;
  exited: Promise<Deno.CommandStatus>;
  done: boolean;
  output: Promise<string>;
}

interface Context {
  system: CompatSystem;
  conf: string;
  dir: string;
  env: Record<string, string>;
  daemon: Daemon;
  header: string;
  where: Placeholders;
}

function spawnDaemon(
  system: CompatSystem,
  conf: string,
  dir: string,
  env: Record<string, string>,
): Daemon {
  const [cmd, ...args] = system.daemon;
  const child = new Deno.Command(cmd!, {
    args: [...args, conf],
    cwd: dir,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const daemon: Daemon = {
    child,
    exited: child.status,
    done: false,
    output: Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]).then(([o, e]) => o + e),
  };
  daemon.exited.then(() => daemon.done = true);
  return daemon;
}

/** Waits until the daemon's socket (or TCP port) accepts; returns "" or why not. */
async function waitReady(
  sock: string | null,
  where: Placeholders,
  daemon: Daemon,
): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (daemon.done) return `it exited with ${(await daemon.exited).code}`;
    try {
      const conn = sock !== null
        ? await Deno.connect({ transport: "unix", path: sock })
        : await Deno.connect({ hostname: "127.0.0.1", port: Number(where.port) });
      conn.close();
      return "";
    } catch {
      await delay(50);
    }
  }
  return "no answer within 30s";
}

/** SIGTERM, then SIGKILL after a timeout; returns how it ended. */
async function stopDaemon(daemon: Daemon): Promise<string> {
  if (daemon.done) return `exit ${(await daemon.exited).code}`;
  try {
    daemon.child.kill("SIGTERM");
  } catch {
    // already gone
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const killed = await Promise.race([
    daemon.exited.then(() => false),
    new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(true), SHUTDOWN_TIMEOUT_MS)),
  ]);
  clearTimeout(timer);
  if (killed) {
    try {
      daemon.child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await daemon.exited;
    return `killed with SIGKILL after ${SHUTDOWN_TIMEOUT_MS / 1000}s`;
  }
  return `exit ${(await daemon.exited).code}`;
}

/** Runs the ctl with ARGS; returns exit code, stdout and stderr. */
async function runCtl(
  ctx: Context,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [cmd, ...pre] = ctx.system.ctl;
  const child = new Deno.Command(cmd!, {
    args: [...pre, ctx.conf, ...args],
    cwd: ctx.dir,
    env: ctx.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // gone
    }
  }, CTL_TIMEOUT_MS);
  const out = await child.output();
  clearTimeout(timer);
  return {
    code: out.signal ? -1 : out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

function textLines(text: string, prefix = ""): string[] {
  if (text === "") return [];
  const lines = text.replace(/\n$/, "").split("\n").map((l) => prefix + l);
  if (!text.endsWith("\n")) lines.push(`${prefix}(no newline at end)`);
  return lines;
}

async function runStep(step: Step, ctx: Context): Promise<string[]> {
  switch (step.kind) {
    case "ctl": {
      const r = await runCtl(ctx, step.args);
      let out = textLines(r.stdout);
      if (step.keep) out = out.filter((l) => step.keep!.test(l));
      if (step.sortRuns) out = sortRuns(out);
      return [
        `$ ctl ${step.args.join(" ")}`,
        ...out,
        ...textLines(r.stderr, "stderr: "),
        `exit ${r.code}`,
      ];
    }
    case "wait": {
      const title = `# wait until ${step.name} is ${step.state}`;
      let last = "";
      let tries = 0;
      const ok = await poll(step.timeoutMs, async () => {
        if (tries++ > 0) await delay(STATUS_POLL_MS - POLL_MS);
        const r = await runCtl(ctx, ["status", step.name]);
        last = r.stdout.trim();
        return last.split("\n").some((l) => {
          const [name, state] = l.split(/\s+/);
          return name === step.name && state === step.state;
        });
      });
      return [ok ? title : `${title}: timed out; last status: ${last}`];
    }
    case "waitFile": {
      const title = `# wait until ${step.path} contains ${JSON.stringify(step.text)}`;
      const ok = await poll(
        step.timeoutMs,
        async () => (await readOrNull(ctx, step.path) ?? "").includes(step.text),
      );
      return [ok ? title : `${title}: timed out`];
    }
    case "waitLines": {
      const title = `# wait until ${step.path} has ${step.count} lines`;
      const count = async () => textLines(await readOrNull(ctx, step.path) ?? "").length;
      const ok = await poll(step.timeoutMs, async () => await count() >= step.count);
      return [ok ? title : `${title}: timed out with ${await count()}`];
    }
    case "waitDaemonExit": {
      const ok = await poll(step.timeoutMs, () => Promise.resolve(ctx.daemon.done));
      return [
        ok
          ? `# daemon exited: exit ${(await ctx.daemon.exited).code}`
          : "# daemon still running: timed out",
      ];
    }
    case "file": {
      const text = await readOrNull(ctx, step.path);
      if (text === null) return [`# file ${step.path}: missing`];
      let lines = textLines(text);
      if (step.keep) lines = lines.filter((l) => step.keep!.test(l));
      return [`# file ${step.path}`, ...lines.map((l) => `| ${l}`)];
    }
    case "ls": {
      const names: string[] = [];
      for await (const e of Deno.readDir(`${ctx.dir}/${step.path}`)) names.push(e.name);
      return [`# ls ${step.path}`, ...names.sort().map((n) => `| ${n}`)];
    }
    case "alive": {
      const text = await readOrNull(ctx, step.pidFile);
      const pid = Number(text?.trim());
      if (!pid) return [`# alive ${step.pidFile}: no pid`];
      const dead = await poll(2_000, () => Promise.resolve(!pidAlive(pid)));
      return [`# alive ${step.pidFile}: ${dead ? "no" : "yes"}`];
    }
    case "config":
      await Deno.writeTextFile(ctx.conf, fill(`${ctx.header}\n${step.text}`, ctx.where));
      return ["# config rewritten"];
    case "sleep":
      await delay(step.ms);
      return [`# sleep ${step.ms}ms: ${step.why}`];
    case "check":
      return [`# check ${step.label}: ${await step.run(ctx.dir)}`];
  }
}

/** Sorts each run of consecutive lines with the same text after the last ": ". */
function sortRuns(lines: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const tail = (l: string) => l.slice(l.lastIndexOf(": ") + 1);
  for (const line of lines) {
    if (run.length > 0 && tail(run[0]!) !== tail(line)) {
      out.push(...run.sort());
      run = [];
    }
    run.push(line);
  }
  return [...out, ...run.sort()];
}

async function readOrNull(ctx: Context, path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(`${ctx.dir}/${path}`);
  } catch {
    return null;
  }
}

/** Calls TEST every POLL_MS until it is true or TIMEOUT_MS passes; returns whether it became true. */
async function poll(timeoutMs: number, test: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (await test()) return true;
    if (Date.now() > deadline) return false;
    await delay(POLL_MS);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
