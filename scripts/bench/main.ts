/**
 * `deno task bench`: runs each workload on svisor and on supervisord, alternating them in the same
 * run with the same config, and writes medians and svisor/supervisord ratios to docs/benchmarks.md.
 */

import { parseArgs } from "node:util";
import { fmt, median } from "./stats.ts";
import { supervisordSystem, svisorSystem, type System } from "./systems.ts";
import {
  type BenchParams,
  chattyFloorSession,
  chattySession,
  crashSession,
  idleDaemonSession,
  type Measurements,
  perProgramSlope,
  sleepersSession,
  spewSession,
} from "./workloads.ts";
import { renderReport, type Row } from "./report.ts";
import { ensurePm2, pm2Chatty, pm2Crash, pm2Sleepers } from "./pm2.ts";
import { listenerSession, streamSession } from "./event_workloads.ts";
import { surfacesSession } from "./surface_workloads.ts";

/** The heading of the hand-written part of the report, kept across runs. */
const FINDINGS = "## Findings";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "100,1000" },
    runs: { type: "string", default: "3" },
    "idle-seconds": { type: "string", default: "30" },
    "spew-mb": { type: "string", default: "200" },
    "chatty-count": { type: "string", default: "50" },
    "chatty-rate": { type: "string", default: "2000" },
    "chatty-seconds": { type: "string", default: "15" },
    "crash-cycles": { type: "string", default: "10" },
    "api-seconds": { type: "string", default: "5" },
    "event-count": { type: "string", default: "20000" },
    "stream-n": { type: "string", default: "1000" },
    "stream-subscribers": { type: "string", default: "100" },
    "stream-seconds": { type: "string", default: "15" },
    "surfaces-n": { type: "string", default: "1000" },
    only: { type: "string", default: "sleepers,spew,chatty,crash,events,stream,surfaces" },
    systems: { type: "string", default: "svisor,supervisord,pm2" },
    out: { type: "string", default: "docs/benchmarks.md" },
    quick: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`Usage: deno task bench [options]
  --n LIST             program counts for the sleeper workloads (default 100,1000)
  --runs N             rounds; systems alternate in each (default 3)
  --idle-seconds S     idle CPU window at the largest N (default 30; 0 skips)
  --spew-mb MB         bytes the spewing child writes (default 200)
  --chatty-count N     chatty children (default 50)
  --chatty-rate R      lines a second each (default 2000)
  --chatty-seconds S   CPU window (default 15)
  --crash-cycles N     crash-restart cycles (default 10)
  --api-seconds S      API load at the smallest N (default 5; 0 skips)
  --event-count N      events sent to a listener (default 20000)
  --stream-n N         restarting programs for the SSE workload (default 1000)
  --stream-subscribers N  SSE subscribers (default 100)
  --stream-seconds S   SSE workload window (default 15)
  --surfaces-n N       sleepers behind the dashboard and /metrics rows (default 1000)
  --only LIST          workload groups: sleepers,spew,chatty,crash,events,stream,surfaces
  --systems LIST       systems to run: svisor,supervisord,pm2 (PM2 is npm-installed into
                       dist/bench/pm2 on first use; it runs the workloads that apply to it)
  --out FILE           report file (default docs/benchmarks.md; "-" prints only)
  --quick              a smoke run: N=10, 1 round, short windows`);
  Deno.exit(0);
}
const quick = values.quick;
/** Quiet time before an idle window. */
const IDLE_SETTLE_MS = quick ? 1000 : 30_000;
const ns = (quick ? "10" : values.n).split(",").map(Number);
const runs = quick ? 1 : Number(values.runs);
const only = new Set(values.only.split(","));
const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

const known: Record<string, () => System> = {
  svisor: () => svisorSystem(root),
  supervisord: supervisordSystem,
};
const names = values.systems.split(",");
const systems: System[] = names.filter((name) => name !== "pm2").map((name) => {
  const make = known[name];
  if (make === undefined) {
    throw new Error(`bench: unknown system "${name}" (known: svisor, supervisord, pm2)`);
  }
  return make();
});
const pm2Cli = names.includes("pm2") ? await ensurePm2(root) : null;
const samples = new Map<string, Map<string, number[]>>();

function record(system: string, m: Measurements): void {
  for (const [metric, value] of Object.entries(m)) {
    const bySystem = samples.get(metric) ?? new Map<string, number[]>();
    samples.set(metric, bySystem);
    const list = bySystem.get(system) ?? [];
    list.push(value);
    bySystem.set(system, list);
  }
}

let portBase = 20000 + Math.floor(Math.random() * 20000);
async function withParams<T>(
  fn: (p: BenchParams) => Promise<T>,
  extra: Partial<BenchParams>,
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "svisor-bench-" });
  try {
    return await fn({
      dir,
      port: portBase++,
      statusCalls: quick ? 3 : 10,
      idleSeconds: 0,
      idleSettleMs: IDLE_SETTLE_MS,
      apiSeconds: 0,
      apiClients: 8,
      ...extra,
    });
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** One round of PM2's workloads (those that apply to it). */
async function pm2Round(cli: string, round: number): Promise<void> {
  const log = (what: string) => console.error(`round ${round + 1}/${runs} pm2: ${what}`);
  const inDir = async (fn: (dir: string) => Promise<Measurements>) => {
    const dir = await Deno.makeTempDir({ prefix: "svisor-bench-pm2-" });
    try {
      record("pm2", await fn(dir));
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
  if (only.has("sleepers")) {
    for (const n of ns) {
      log(`sleepers N=${n}`);
      const idle = n === Math.max(...ns) ? (quick ? 2 : Number(values["idle-seconds"])) : 0;
      await inDir((dir) => pm2Sleepers(cli, dir, n, quick ? 3 : 10, idle, IDLE_SETTLE_MS));
    }
  }
  if (only.has("chatty")) {
    log("chatty");
    const count = quick ? 5 : Number(values["chatty-count"]);
    const seconds = quick ? 2 : Number(values["chatty-seconds"]);
    await inDir((dir) => pm2Chatty(cli, dir, count, Number(values["chatty-rate"]), seconds));
  }
  if (only.has("crash")) {
    log("crash");
    await inDir((dir) => pm2Crash(cli, dir, quick ? 3 : Number(values["crash-cycles"])));
  }
}

const started = new Date();
for (let round = 0; round < runs; round++) {
  if (pm2Cli !== null && round % 2 === 1) await pm2Round(pm2Cli, round);
  const order = round % 2 === 0 ? systems : [...systems].reverse();
  for (const sys of order) {
    const log = (what: string) => console.error(`round ${round + 1}/${runs} ${sys.name}: ${what}`);
    if (only.has("sleepers")) {
      log("idle daemon, no programs");
      const empty = await withParams((p) => idleDaemonSession(sys, p), {});
      record(sys.name, empty);
      for (const n of ns) {
        log(`sleepers N=${n}`);
        const idle = n === Math.max(...ns) ? (quick ? 2 : Number(values["idle-seconds"])) : 0;
        const api = n === Math.min(...ns) ? (quick ? 1 : Number(values["api-seconds"])) : 0;
        const m = await withParams((p) => sleepersSession(sys, n, p), {
          idleSeconds: idle,
          apiSeconds: api,
        });
        record(sys.name, { ...m, ...perProgramSlope({ ...empty, ...m }, n) });
      }
    }
    if (only.has("spew")) {
      log("spew");
      const bytes = (quick ? 10 : Number(values["spew-mb"])) * 1024 * 1024;
      record(sys.name, await withParams((p) => spewSession(sys, bytes, p), {}));
    }
    if (only.has("chatty")) {
      log("chatty");
      const count = quick ? 5 : Number(values["chatty-count"]);
      const seconds = quick ? 2 : Number(values["chatty-seconds"]);
      const rate = Number(values["chatty-rate"]);
      record(
        sys.name,
        await withParams((p) => chattySession(sys, count, rate, seconds, p), {}),
      );
      if (sys.name === "svisor") {
        log("chatty: Deno's floor");
        record(sys.name, await withParams((p) => chattyFloorSession(count, rate, seconds, p), {}));
      }
    }
    if (only.has("crash")) {
      log("crash");
      record(
        sys.name,
        await withParams(
          (p) => crashSession(sys, quick ? 3 : Number(values["crash-cycles"]), p),
          {},
        ),
      );
    }
    if (only.has("events")) {
      log("events to a listener");
      const lines = quick ? 1000 : Number(values["event-count"]);
      record(sys.name, await withParams((p) => listenerSession(sys, lines, p), {}));
    }
    if (only.has("stream") && sys.name === "svisor") {
      log("SSE subscribers");
      const n = quick ? 20 : Number(values["stream-n"]);
      const subs = quick ? 5 : Number(values["stream-subscribers"]);
      const secs = quick ? 2 : Number(values["stream-seconds"]);
      record(sys.name, await withParams((p) => streamSession(sys, n, subs, secs, p), {}));
    }
    if (only.has("surfaces")) {
      log("dashboard and /metrics");
      const n = quick ? 20 : Number(values["surfaces-n"]);
      record(
        sys.name,
        await withParams((p) => surfacesSession(sys, n, p, { browser: true }), {}),
      );
    }
  }
  if (pm2Cli !== null && round % 2 === 0) await pm2Round(pm2Cli, round);
}

const rows: Row[] = [...samples.entries()].map(([metric, bySystem]) => ({
  metric,
  svisor: median(bySystem.get("svisor") ?? []),
  supervisord: median(bySystem.get("supervisord") ?? []),
  pm2: median(bySystem.get("pm2") ?? []),
}));
const report = await renderReport(rows, { started, runs, quick });
console.log(
  rows.map((r) =>
    `${r.metric}: svisor ${fmt(r.svisor)} supervisord ${fmt(r.supervisord)} ratio ${
      fmt(r.svisor / r.supervisord)
    } pm2 ${fmt(r.pm2)}`
  ).join("\n"),
);
if (values.out !== "-") {
  // The hand-written findings (profiles, causes) survive a new run.
  const old = await Deno.readTextFile(values.out).catch(() => "");
  const at = old.indexOf(FINDINGS);
  await Deno.writeTextFile(values.out, at < 0 ? report : `${report}\n${old.slice(at)}`);
  console.error(`bench: wrote ${values.out}`);
}
