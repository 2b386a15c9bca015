/// <reference lib="dom" />
/**
 * The web surfaces' benchmarks on N sleepers: the dashboard page's server time (svisor and
 * supervisord, whose web page is also at `/`), its time to interactive in headless Chromium, and the
 * `/metrics` scrape with the daemon's heap before and after a run of scrapes (svisor only).
 */

import { BROWSER_MISSING, launchBrowser } from "../../tests/helpers/browser.ts";
import * as configs from "./configs.ts";
import { median, rssMiB } from "./stats.ts";
import type { Daemon, System } from "./systems.ts";
import { allRunning, type BenchParams, type Measurements, waitFor } from "./workloads.ts";

/** Requests whose median is the page's server time; also scrapes whose median is the scrape time. */
const REQUESTS = 9;
/** Scrapes between the two heap readings. */
const HEAP_SCRAPES = 20;
/** Page loads whose median is the time to interactive. */
const LOADS = 5;

/** Options of a surfaces session. */
export interface SurfaceOptions {
  /** Measure the time to interactive in Chromium (svisor only, and only when it is installed). */
  browser: boolean;
}

/** The surface rows on `n` sleepers: page server time, and for svisor TTI and /metrics. */
export async function surfacesSession(
  sys: System,
  n: number,
  p: BenchParams,
  o: SurfaceOptions,
): Promise<Measurements> {
  const conf = `${p.dir}/surfaces.conf`;
  await Deno.writeTextFile(conf, configs.sleepers(p, n));
  const d = await sys.start(conf, p.port);
  const base = `http://127.0.0.1:${p.port}`;
  try {
    await waitFor(`${n} RUNNING`, () => allRunning(d, n));
    const m: Measurements = {};
    m[`dashboard first render, N=${n}: server time (s)`] = await pageServerTime(base, n);
    if (sys.name !== "svisor") return m;
    if (o.browser && browserInstalled()) {
      m[`dashboard first render, N=${n}: Chromium time to interactive (s)`] =
        await timeToInteractive(base, n);
    }
    Object.assign(m, await scrapeMeasurements(d, base, n));
    return m;
  } finally {
    await d.stop();
  }
}

/**
 * From sending GET / to having read the whole body, median of REQUESTS (after one warm-up request,
 * which loads the code path). The body must list every process: supervisord's page and svisor's
 * both name each one.
 */
async function pageServerTime(base: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/`);
    const body = await res.text();
    const seconds = (performance.now() - t0) / 1000;
    if (!res.ok) throw new Error(`GET / answered ${res.status}`);
    const last = `sleep_${String(n - 1).padStart(4, "0")}`;
    if (!body.includes(last)) throw new Error(`GET / does not list ${last}`);
    if (i > 0) times.push(seconds);
  }
  return median(times);
}

function browserInstalled(): boolean {
  if (BROWSER_MISSING === null) return true;
  console.error(`bench: ${BROWSER_MISSING}; the time-to-interactive row is skipped`);
  return false;
}

/**
 * Time to interactive: from navigation start (the page's `performance.timeOrigin`) until both the
 * page's script has wired up every handler (it sets `body[data-ready]` as its last statement) and
 * the live update channel is open (the event stream's `open` sets `#live[data-live="live"]`). A
 * MutationObserver installed before any of the page's code runs takes `performance.now()` at the
 * first change of either attribute after which both hold, so the reading does not depend on
 * puppeteer's polling; it watches only those two attributes (the parser's insertions make no
 * records, where a childList observer costs the parse of 20,000 elements measurably). Median
 * of LOADS loads in a fresh tab each (one warm-up load first: Chromium's own start-up is not the
 * page's).
 */
async function timeToInteractive(base: string, n: number): Promise<number> {
  await using launched = await launchBrowser();
  const browser = launched.browser;
  const times: number[] = [];
  for (let i = 0; i <= LOADS; i++) {
    const page = await browser.newPage();
    try {
      await page.evaluateOnNewDocument(() => {
        const w = globalThis as unknown as { svisorTti?: number };
        const check = () => {
          if (w.svisorTti !== undefined) return;
          const ready = document.body?.dataset["ready"] !== undefined;
          const live = document.getElementById("live")?.dataset["live"] === "live";
          if (ready && live) w.svisorTti = performance.now();
        };
        new MutationObserver(check).observe(document, {
          subtree: true,
          attributeFilter: ["data-ready", "data-live"],
        });
      });
      const res = await page.goto(`${base}/`, { waitUntil: "domcontentloaded" });
      if (res?.status() !== 200) throw new Error(`the dashboard answered ${res?.status()}`);
      const ms = await page.waitForFunction(
        () => (globalThis as unknown as { svisorTti?: number }).svisorTti,
        { timeout: 60_000 },
      ).then((h) => h.jsonValue());
      const rows = await page.$$eval("tr.proc", (r) => r.length);
      if (rows !== n) throw new Error(`the dashboard shows ${rows} process rows, not ${n}`);
      if (i > 0) times.push(Number(ms) / 1000);
    } finally {
      await page.close();
    }
  }
  return median(times);
}

/**
 * The scrape time (median of REQUESTS, after one warm-up scrape) and what HEAP_SCRAPES more scrapes
 * leave behind: the daemon's heap used as its own `nodejs_heap_size_used_bytes` reports it (read
 * from the scrapes before and after the run, so it includes no forced collection: a rise is garbage
 * not yet collected plus anything retained) and its resident memory from /proc.
 */
async function scrapeMeasurements(d: Daemon, base: string, n: number): Promise<Measurements> {
  const scrape = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}/metrics`);
    const body = await res.text();
    const seconds = (performance.now() - t0) / 1000;
    if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
    return { body, seconds };
  };
  const first = await scrape();
  const states = first.body.match(/^svisor_process_state\{/gm)?.length ?? 0;
  if (states < n) throw new Error(`/metrics lists ${states} process state series for ${n}`);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await scrape()).seconds);
  const heapBefore = heapUsed((await scrape()).body);
  const rssBefore = rssMiB(d.pid);
  let last = "";
  for (let i = 0; i < HEAP_SCRAPES; i++) last = (await scrape()).body;
  const heapAfter = heapUsed(last);
  return {
    [`/metrics scrape, N=${n} (s)`]: median(times),
    [`/metrics scrape, N=${n}: heap used delta over ${HEAP_SCRAPES} scrapes, nodejs_heap_size_used_bytes (MiB)`]:
      (heapAfter - heapBefore) / 2 ** 20,
    [`/metrics scrape, N=${n}: RSS delta over ${HEAP_SCRAPES} scrapes, /proc (MiB)`]:
      rssMiB(d.pid) - rssBefore,
  };
}

/** The `nodejs_heap_size_used_bytes` sample of a scrape. */
function heapUsed(text: string): number {
  const m = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  if (m === null) throw new Error("/metrics has no nodejs_heap_size_used_bytes");
  return Number(m[1]);
}
