/** The benchmark workloads: each runs one system on one config and returns named measurements. */

import * as configs from "./configs.ts";
import { contextSwitches, cpuSeconds, median, rssMiB } from "./stats.ts";
import { countState, type Daemon, type System } from "./systems.ts";
import { CHATTY_PY, SPEW_LINE_BYTES, SPEW_PY, verifyNumberedLines } from "./writers.ts";

/** Measurements by metric name (seconds, MiB, ratios...). */
export type Measurements = Record<string, number>;

/** Parameters of one benchmark run. */
export interface BenchParams {
  /** Scratch directory for this run. */
  dir: string;
  /** A free TCP port for the inet server. */
  port: number;
  /** How many ctl status calls to take the median of. */
  statusCalls: number;
  /** Idle window in seconds (0 skips). */
  idleSeconds: number;
  /** Quiet time before the idle window (V8's memory reducer runs for a while after a burst). */
  idleSettleMs: number;
  /** API load duration in seconds (0 skips). */
  apiSeconds: number;
  /** Concurrent API clients. */
  apiClients: number;
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 300_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether all `n` processes of the daemon are RUNNING (one getAllProcessInfo). */
export async function allRunning(d: Daemon, n: number): Promise<boolean> {
  return countState(await d.rpc("supervisor.getAllProcessInfo"), "RUNNING") === n;
}

/** How often the launch workload asks whether every program is RUNNING. */
const LAUNCH_POLL_MS = 100;

/** Workloads 1-4 and 8 on N sleepers: launch, ctl status, stop/start/restart all, idle, API rate. */
export async function sleepersSession(
  sys: System,
  n: number,
  p: BenchParams,
): Promise<Measurements> {
  const conf = `${p.dir}/sleepers.conf`;
  await Deno.writeTextFile(conf, configs.sleepers(p, n));
  const m: Measurements = {};
  const t0 = performance.now();
  const d = await sys.start(conf, p.port);
  try {
    // Polled every 100 ms, not 20: at N=1,000 each getAllProcessInfo is a 500 KB answer that costs
    // the daemon a few ms, and supervisord answers none until it has spawned every program while
    // svisor answers during its launch, so a 20 ms poll slowed only svisor's (100 ms is 1-2% of it).
    await waitFor(`${n} RUNNING`, () => allRunning(d, n), 300_000, LAUNCH_POLL_MS);
    m[`launch to all RUNNING, N=${n} (s)`] = (performance.now() - t0) / 1000;
    const times: number[] = [];
    for (let i = 0; i < p.statusCalls; i++) {
      const r = await d.ctl(["status"]);
      if (r.code !== 0) throw new Error(`${sys.name} status exited ${r.code}`);
      times.push(r.seconds);
    }
    m[`ctl status, N=${n} (s)`] = median(times);
    for (const action of ["stop", "start", "restart"]) {
      const r = await d.ctl([action, "all"]);
      if (r.code !== 0) {
        throw new Error(`${sys.name} ${action} all exited ${r.code}: ${r.stdout.slice(0, 200)}`);
      }
      m[`${action} all, N=${n} (s)`] = r.seconds;
    }
    await waitFor(`${n} RUNNING again`, () => allRunning(d, n));
    if (p.idleSeconds > 0) {
      // Settle first: the window measures an idle daemon, not the garbage collection that follows
      // the restart burst (V8's memory reducer runs for some seconds after it).
      await new Promise((r) => setTimeout(r, p.idleSettleMs));
      const c0 = cpuSeconds(d.pid);
      const s0 = contextSwitches(d.pid);
      await new Promise((r) => setTimeout(r, p.idleSeconds * 1000));
      m[`idle CPU over ${p.idleSeconds} s, N=${n} (s)`] = cpuSeconds(d.pid) - c0;
      // Wakeups: each sleep and wake of one of the daemon's threads is a switch (all threads summed).
      m[`idle context switches over ${p.idleSeconds} s, N=${n}`] = contextSwitches(d.pid) - s0;
      m[`resident memory, N=${n} (MiB)`] = rssMiB(d.pid);
    }
    if (p.apiSeconds > 0) {
      m[`API status requests/s, N=${n}, ${p.apiClients} clients`] = await apiRate(d, p);
    }
  } finally {
    await d.stop();
  }
  return m;
}

/** The daemon on a config with no programs: its resident memory once it has settled. */
export async function idleDaemonSession(sys: System, p: BenchParams): Promise<Measurements> {
  const conf = `${p.dir}/empty.conf`;
  await Deno.writeTextFile(conf, configs.header(p));
  const d = await sys.start(conf, p.port);
  try {
    // A few status calls first, as the sleepers workload makes: the RPC path is loaded in both.
    for (let i = 0; i < 3; i++) await d.rpc("supervisor.getAllProcessInfo");
    await new Promise((r) => setTimeout(r, Math.min(p.idleSettleMs, 5000)));
    return { [IDLE_RSS]: rssMiB(d.pid) };
  } finally {
    await d.stop();
  }
}

/** The metric name of the idle daemon's resident memory. */
export const IDLE_RSS = "resident memory, idle daemon, no programs (MiB)";

/** The per-program memory slope from one round's idle and N-program figures, in KiB. */
export function perProgramSlope(m: Measurements, n: number): Measurements {
  const idle = m[IDLE_RSS];
  const full = m[`resident memory, N=${n} (MiB)`];
  if (idle === undefined || full === undefined) return {};
  return { [`resident memory per added program, N=${n} (KiB)`]: (full - idle) * 1024 / n };
}

async function apiRate(d: Daemon, p: BenchParams): Promise<number> {
  let count = 0;
  const until = performance.now() + p.apiSeconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: p.apiClients }, async () => {
      while (performance.now() < until) {
        await d.rpc("supervisor.getAllProcessInfo");
        count++;
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

/** Workload 5: one child writing `bytes` through 5 MB rotations; time to disk, daemon CPU, integrity. */
export async function spewSession(
  sys: System,
  bytes: number,
  p: BenchParams,
): Promise<Measurements> {
  const writer = `${p.dir}/spew.py`;
  await Deno.writeTextFile(writer, SPEW_PY);
  const conf = `${p.dir}/spew.conf`;
  const lines = Math.ceil(bytes / SPEW_LINE_BYTES);
  bytes = lines * SPEW_LINE_BYTES;
  await Deno.writeTextFile(conf, configs.spew(p, writer, lines, bytes));
  const d = await sys.start(conf, p.port);
  try {
    // The writer waits for the go file, so the clock and the CPU count cover all of its output
    // (round one started them once the daemon answered, when part of the output was written).
    await waitFor("spew RUNNING", () => allRunning(d, 1));
    const c0 = cpuSeconds(d.pid);
    const t0 = performance.now();
    await Deno.writeTextFile(`${p.dir}/spew.go`, "");
    await waitFor(
      "all output on disk",
      async () => (await logBytes(p.dir, "spew.log")) >= bytes,
      600_000,
      5,
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(d.pid) - c0;
    const check = verifyNumberedLines(await logTexts(p.dir, "spew.log"));
    if (check.error !== null) throw new Error(`${sys.name} spew: ${check.error}`);
    if (check.lines !== lines) {
      throw new Error(`${sys.name} spew: ${check.lines} lines on disk, ${lines} written`);
    }
    return {
      [`${bytes >> 20} MB spew: time to disk (s)`]: seconds,
      [`${bytes >> 20} MB spew: daemon CPU (s)`]: cpu,
    };
  } finally {
    await d.stop();
  }
}

async function rotated(dir: string, base: string): Promise<string[]> {
  const names: { name: string; n: number }[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name === base) names.push({ name: e.name, n: 0 });
    const m = new RegExp(`^${base.replace(".", "\\.")}\\.(\\d+)$`).exec(e.name);
    if (m) names.push({ name: e.name, n: Number(m[1]) });
  }
  return names.sort((a, b) => b.n - a.n).map((x) => `${dir}/${x.name}`);
}

async function logBytes(dir: string, base: string): Promise<number> {
  let total = 0;
  for (const f of await rotated(dir, base)) {
    total += (await Deno.stat(f).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

async function logTexts(dir: string, base: string): Promise<string[]> {
  return await Promise.all((await rotated(dir, base)).map((f) => Deno.readTextFile(f)));
}

/** Workload 6: `count` chatty children; daemon CPU over a window. */
export async function chattySession(
  sys: System,
  count: number,
  rate: number,
  seconds: number,
  p: BenchParams,
): Promise<Measurements> {
  const writer = `${p.dir}/chatty.py`;
  await Deno.writeTextFile(writer, CHATTY_PY);
  const conf = `${p.dir}/chatty.conf`;
  await Deno.writeTextFile(conf, configs.chatty(p, writer, count, rate));
  const d = await sys.start(conf, p.port);
  try {
    await waitFor(`${count} chatty RUNNING`, () => allRunning(d, count));
    await new Promise((r) => setTimeout(r, 2000));
    const c0 = cpuSeconds(d.pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return {
      [`${count} chatty children: daemon CPU over ${seconds} s (s)`]: cpuSeconds(d.pid) - c0,
    };
  } finally {
    await d.stop();
  }
}

/**
 * The floor under the chatty row: scripts/bench/chatty_floor.ts reads and writes the same children's
 * output and nothing else (same settle and window as chattySession).
 */
export async function chattyFloorSession(
  count: number,
  rate: number,
  seconds: number,
  p: BenchParams,
): Promise<Measurements> {
  const writer = `${p.dir}/chatty.py`;
  await Deno.writeTextFile(writer, CHATTY_PY);
  const script = new URL("./chatty_floor.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, writer, p.dir, `${count}`, `${rate}`, "2", `${seconds}`],
    stdin: "null",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`chatty floor exited ${out.code}`);
  const { cpu } = JSON.parse(new TextDecoder().decode(out.stdout)) as { cpu: number };
  return {
    [`${count} chatty children: Deno's floor (pipe reads + writeSync only), CPU over ${seconds} s (s)`]:
      cpu,
  };
}

/** Workload 7: from a child's exit to its replacement's start, median over `cycles`. */
export async function crashSession(
  sys: System,
  cycles: number,
  p: BenchParams,
): Promise<Measurements> {
  const record = `${p.dir}/crash.txt`;
  await Deno.writeTextFile(record, "");
  const conf = `${p.dir}/crash.conf`;
  await Deno.writeTextFile(conf, configs.crasher(p, record));
  const d = await sys.start(conf, p.port);
  try {
    await waitForCrashCycles(record, cycles);
  } finally {
    await d.stop();
  }
  return await crashLatency(record, cycles);
}

/** Waits until the crasher's record shows `cycles` restarts. */
export async function waitForCrashCycles(record: string, cycles: number): Promise<void> {
  const starts = async () =>
    (await Deno.readTextFile(record)).split("\n").filter((l) => l.startsWith("start")).length;
  await waitFor(`${cycles + 1} crash cycles`, async () => (await starts()) > cycles + 1, 120_000);
}

/** The median time from an `exit` line to the next `start` line of a crasher's record. */
export async function crashLatency(record: string, cycles: number): Promise<Measurements> {
  const events = (await Deno.readTextFile(record)).trim().split("\n").map((l) => l.split(" "));
  const latencies: number[] = [];
  for (let i = 0; i + 1 < events.length; i++) {
    const [kind, t] = events[i]!;
    const [nextKind, nextT] = events[i + 1]!;
    if (kind === "exit" && nextKind === "start") latencies.push((Number(nextT) - Number(t)) / 1e9);
  }
  return { "crash-restart latency (s)": median(latencies.slice(0, cycles)) };
}
