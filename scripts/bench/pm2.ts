/**
 * PM2 in the benchmark, where a workload applies: N sleepers (launch, `pm2 ls`, stop/start/restart
 * all, idle CPU and memory of its daemon), chatty children (daemon CPU), crash-restart latency.
 * PM2 has no log rotation of its own and no XML-RPC, so the spew and API workloads are not run on it.
 * PM2 is installed from the npm registry into dist/bench/pm2 on first use; each session gets its
 * own PM2_HOME, so a PM2 the user runs is never touched.
 */

import { cpuSeconds, median, rssMiB } from "./stats.ts";
import { crashLatency, type Measurements, waitFor, waitForCrashCycles } from "./workloads.ts";
import { CHATTY_PY } from "./writers.ts";

/** The PM2 version measured. */
export const PM2_VERSION = "7.0.4";

/** A PM2 installation ready to run: its CLI path. */
export async function ensurePm2(root: string): Promise<string> {
  const prefix = `${root}/dist/bench/pm2`;
  const cli = `${prefix}/node_modules/pm2/bin/pm2`;
  try {
    await Deno.stat(cli);
    return cli;
  } catch {
    // not installed yet
  }
  await Deno.mkdir(prefix, { recursive: true });
  const out = await new Deno.Command("npm", {
    args: [
      "install",
      "--silent",
      "--no-audit",
      "--no-fund",
      "--prefix",
      prefix,
      `pm2@${PM2_VERSION}`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `bench: npm install pm2@${PM2_VERSION} failed: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
  return cli;
}

/** One PM2 daemon in its own PM2_HOME. */
class Pm2 {
  constructor(readonly cli: string, readonly home: string) {}

  async run(args: string[]): Promise<{ code: number; stdout: string; seconds: number }> {
    const t0 = performance.now();
    const out = await new Deno.Command("node", {
      args: [this.cli, ...args],
      env: { PM2_HOME: this.home, PM2_DISABLE_VERSION_CHECK: "true" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    return {
      code: out.code,
      stdout: new TextDecoder().decode(out.stdout),
      seconds: (performance.now() - t0) / 1000,
    };
  }

  async pid(): Promise<number> {
    return Number((await Deno.readTextFile(`${this.home}/pm2.pid`)).trim());
  }

  async online(): Promise<number> {
    const r = await this.run(["jlist"]);
    const list = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as Array<
      { pm2_env: { status: string } }
    >;
    return list.filter((p) => p.pm2_env.status === "online").length;
  }

  async kill(): Promise<void> {
    await this.run(["kill"]);
  }
}

async function ecosystem(dir: string, apps: object[]): Promise<string> {
  const path = `${dir}/ecosystem.config.js`;
  await Deno.writeTextFile(path, `module.exports = ${JSON.stringify({ apps }, null, 1)};\n`);
  return path;
}

/** Workloads 1-4 on N sleepers. */
export async function pm2Sleepers(
  cli: string,
  dir: string,
  n: number,
  statusCalls: number,
  idleSeconds: number,
  idleSettleMs: number,
): Promise<Measurements> {
  const apps = Array.from({ length: n }, (_, i) => ({
    name: `sleep_${String(i).padStart(4, "0")}`,
    script: "/bin/sleep",
    args: "100000",
    interpreter: "none",
    autorestart: true,
    out_file: "/dev/null",
    error_file: "/dev/null",
  }));
  const file = await ecosystem(dir, apps);
  const pm2 = new Pm2(cli, `${dir}/pm2home`);
  const m: Measurements = {};
  const t0 = performance.now();
  try {
    const started = await pm2.run(["start", file]);
    if (started.code !== 0) throw new Error(`pm2 start exited ${started.code}`);
    await waitFor(`${n} online`, async () => (await pm2.online()) === n);
    m[`launch to all RUNNING, N=${n} (s)`] = (performance.now() - t0) / 1000;
    const times: number[] = [];
    for (let i = 0; i < statusCalls; i++) times.push((await pm2.run(["ls"])).seconds);
    m[`ctl status, N=${n} (s)`] = median(times);
    for (const action of ["stop", "start", "restart"]) {
      const r = await pm2.run([action, "all"]);
      if (r.code !== 0) throw new Error(`pm2 ${action} all exited ${r.code}`);
      m[`${action} all, N=${n} (s)`] = r.seconds;
    }
    await waitFor(`${n} online again`, async () => (await pm2.online()) === n);
    if (idleSeconds > 0) {
      const pid = await pm2.pid();
      await new Promise((r) => setTimeout(r, idleSettleMs)); // settle, as for the others
      const c0 = cpuSeconds(pid);
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      m[`idle CPU over ${idleSeconds} s, N=${n} (s)`] = cpuSeconds(pid) - c0;
      m[`resident memory, N=${n} (MiB)`] = rssMiB(pid);
    }
  } finally {
    await pm2.kill();
  }
  return m;
}

/** Workload 6: `count` chatty children logging to files; daemon CPU over a window. */
export async function pm2Chatty(
  cli: string,
  dir: string,
  count: number,
  rate: number,
  seconds: number,
): Promise<Measurements> {
  const writer = `${dir}/chatty.py`;
  await Deno.writeTextFile(writer, CHATTY_PY);
  const apps = Array.from({ length: count }, (_, i) => ({
    name: `chatty_${String(i).padStart(2, "0")}`,
    script: writer,
    args: String(rate),
    interpreter: "/usr/bin/python3",
    out_file: `${dir}/chatty_${i}.log`,
    error_file: "/dev/null",
  }));
  const file = await ecosystem(dir, apps);
  const pm2 = new Pm2(cli, `${dir}/pm2home`);
  try {
    await pm2.run(["start", file]);
    await waitFor(`${count} online`, async () => (await pm2.online()) === count);
    const pid = await pm2.pid();
    await new Promise((r) => setTimeout(r, 1000));
    const c0 = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return { [`${count} chatty children: daemon CPU over ${seconds} s (s)`]: cpuSeconds(pid) - c0 };
  } finally {
    await pm2.kill();
  }
}

/** Workload 7: from a child's exit to its replacement's start, median over `cycles`. */
export async function pm2Crash(cli: string, dir: string, cycles: number): Promise<Measurements> {
  const record = `${dir}/crash.txt`;
  await Deno.writeTextFile(record, "");
  const script =
    `echo "start $(date +%s%N)" >> ${record}; sleep 0.2; echo "exit $(date +%s%N)" >> ${record}; exit 0`;
  const file = await ecosystem(dir, [{
    name: "crasher",
    script: "/bin/sh",
    args: ["-c", script],
    interpreter: "none",
    autorestart: true,
    restart_delay: 0,
    max_restarts: cycles + 10,
    out_file: "/dev/null",
    error_file: "/dev/null",
  }]);
  const pm2 = new Pm2(cli, `${dir}/pm2home`);
  try {
    await pm2.run(["start", file]);
    await waitForCrashCycles(record, cycles);
  } finally {
    await pm2.kill();
  }
  return await crashLatency(record, cycles);
}
