/// <reference lib="dom" />
/**
 * The dashboard in a real browser: headless Chromium (Debian's) against a real daemon on the README's
 * example config, opened on an inet port as examples/svisor.conf says. Skipped, saying so, without
 * a browser. The screenshots of docs/dashboard.md are taken here.
 */

import assert from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { BROWSER_MISSING, freePort, launchBrowser } from "../helpers/browser.ts";
import { TempDaemon } from "../helpers/temp_daemon.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const PY = "/usr/bin/python3";
const CHILDREN = `${REPO}tests/fixtures/children/`;
const ignore = BROWSER_MISSING !== null;
const WAIT = { timeout: 30_000 };

/** examples/svisor.conf with its inet section switched on at `port` (and its user when `auth`). */
function exampleConfig(port: number, auth = false): string {
  let text = Deno.readTextFileSync(`${REPO}examples/svisor.conf`);
  text = text.replace(/^;\[inet_http_server\]$/m, "[inet_http_server]")
    .replace(/^;port = 127\.0\.0\.1:9001$/m, `port = 127.0.0.1:${port}`);
  if (auth) text = text.replace(/^;(username|password) = /gm, "$1 = ");
  assert.match(text, new RegExp(`^port = 127.0.0.1:${port}$`, "m"), "the example's inet section");
  return text.replaceAll("%(here)s/run", "{{dir}}");
}

async function startExample(port: number, auth = false, extra = ""): Promise<TempDaemon> {
  return await TempDaemon.start(exampleConfig(port, auth) + extra, { whole: true });
}

/** Opens the page and waits until its script ran and the event stream is open. */
async function openDashboard(page: Page, url: string): Promise<void> {
  const r = await page.goto(url);
  assert.equal(r?.status(), 200);
  await page.waitForSelector("body[data-ready]", WAIT);
  await page.waitForSelector('#live[data-live="live"]', WAIT);
  await page.evaluate(() => {
    (globalThis as unknown as { svisorMark: number }).svisorMark = 1;
  });
}

function waitState(page: Page, name: string, state: string) {
  return page.waitForFunction(
    (n: string, s: string) =>
      document.querySelector<HTMLElement>(`tr.proc[data-name="${n}"]`)?.dataset["state"] === s,
    WAIT,
    name,
    state,
  );
}

function waitResult(page: Page, pattern: string) {
  return page.waitForFunction(
    (p: string) =>
      [...document.querySelectorAll("#results > li")].some((li) =>
        new RegExp(p).test(li.textContent ?? "")
      ),
    WAIT,
    pattern,
  );
}

async function rowText(page: Page, name: string, field: string): Promise<string> {
  return await page.$eval(
    `tr.proc[data-name="${name}"] [data-f="${field}"]`,
    (el) => el.textContent ?? "",
  );
}

async function notReloaded(page: Page): Promise<void> {
  const mark = await page.evaluate(() =>
    (globalThis as unknown as { svisorMark?: number }).svisorMark
  );
  assert.equal(mark, 1, "the page was reloaded");
}

async function shoot(page: Page, file: string, width: number, height: number, dark: boolean) {
  await page.emulateMediaFeatures([
    { name: "prefers-color-scheme", value: dark ? "dark" : "light" },
  ]);
  await page.setViewport({ width, height, deviceScaleFactor: 1 }); // isMobile would reload the page
  // docs/dashboard/ is rewritten only when asked (SVISOR_SCREENSHOTS=1), so a test run leaves the
  // tree clean; otherwise the shot is taken and checked to be a PNG.
  const toDocs = Deno.env.get("SVISOR_SCREENSHOTS") === "1";
  const shot = await page.screenshot({
    ...(toDocs ? { path: `${REPO}docs/dashboard/${file}` } : {}),
    fullPage: width < 600,
  });
  assert.deepEqual([...shot.subarray(1, 4)], [0x50, 0x4e, 0x47], `${file} is not a PNG`);
}

Deno.test({
  name:
    "dashboard: the example's processes are listed; stop, start, restart and group actions update rows from events",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await startExample(port);
    await d.waitForOutput(/success: worker_02 entered RUNNING state/);
    await using b = await launchBrowser();
    const page = await b.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await openDashboard(page, `http://127.0.0.1:${port}/`);
    const names = await page.$$eval(
      "tr.proc",
      (rows) => rows.map((r) => r.getAttribute("data-name")),
    );
    assert.deepEqual(names, [
      "clock",
      "flaky",
      "pool:worker_00",
      "pool:worker_01",
      "pool:worker_02",
    ]);
    assert.deepEqual(await page.$$eval("tr.grp", (rows) => rows.map((r) => r.dataset["group"])), [
      "pool",
    ]);
    await waitState(page, "clock", "RUNNING");
    assert.match(await rowText(page, "clock", "description"), /^pid \d+, uptime \d+:\d\d:\d\d$/);
    assert.equal(await page.$eval("#ident", (e) => e.textContent), "supervisor");

    // Stop from the page.
    await page.click('tr.proc[data-name="clock"] button[data-act="stop"]');
    await waitState(page, "clock", "STOPPED");
    await waitResult(page, "clock: stopped");
    // Start from outside the page: only the event stream can tell it.
    const started = await d.ctl("start", "clock");
    assert.equal(started.stdout, "clock: started\n");
    await waitState(page, "clock", "RUNNING");
    await page.waitForFunction(
      () =>
        /^\d+$/.test(
          document.querySelector('tr.proc[data-name="clock"] [data-f="pid"]')?.textContent ?? "",
        ),
      WAIT,
    );
    const pid = await rowText(page, "clock", "pid");
    // Restart from the page: a new pid.
    await page.click('tr.proc[data-name="clock"] button[data-act="restart"]');
    await waitResult(page, "clock: restarted");
    await page.waitForFunction(
      (old: string) => {
        const text = document.querySelector('tr.proc[data-name="clock"] [data-f="pid"]')
          ?.textContent;
        return text !== old && /^\d+$/.test(text ?? "");
      },
      WAIT,
      pid,
    );
    // Stop from outside, start from the page.
    await d.ctl("stop", "clock");
    await waitState(page, "clock", "STOPPED");
    await page.click('tr.proc[data-name="clock"] button[data-act="start"]');
    await waitResult(page, "clock: started");
    await waitState(page, "clock", "RUNNING");

    // A group action acts on the group, and only on it.
    await page.click('tr.grp[data-group="pool"] button[data-gact="stop"]');
    for (const n of ["pool:worker_00", "pool:worker_01", "pool:worker_02"]) {
      await waitState(page, n, "STOPPED");
    }
    await waitResult(page, "pool: stop: done");
    const status = await d.ctl("status");
    assert.match(status.stdout, /^clock\s+RUNNING/m);
    assert.match(status.stdout, /^pool:worker_01\s+STOPPED/m);
    await page.click('tr.grp[data-group="pool"] button[data-gact="start"]');
    for (const n of ["pool:worker_00", "pool:worker_01", "pool:worker_02"]) {
      await waitState(page, n, "RUNNING");
    }
    await waitState(page, "flaky", "FATAL");
    await notReloaded(page);

    // Filter (focused with "/"), sort by state, and back.
    const visible = () =>
      page.$$eval(
        "tr.proc",
        (rows) =>
          rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute("data-name")),
      );
    await page.focus("body");
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "filter");
    await page.keyboard.type("worker");
    assert.deepEqual(await visible(), ["pool:worker_00", "pool:worker_01", "pool:worker_02"]);
    assert.match(await page.$eval("#counts", (e) => e.textContent ?? ""), /\(3 shown\)/);
    await page.keyboard.press("Escape");
    assert.equal((await visible()).length, 5);
    await page.select("#sort", "state");
    assert.equal((await visible())[0], "flaky");
    assert.equal(await page.$$eval("tr.grp", (rows) => rows.length), 0);
    await page.select("#sort", "name");
    assert.deepEqual(await visible(), names);

    // The config on demand.
    await page.click('tr.proc[data-name="pool:worker_01"] button[data-act="config"]');
    await page.waitForSelector("#config[open]", WAIT);
    const config = await page.$eval("#config-body", (e) => e.textContent ?? "");
    assert.match(config, /command\/bin\/sh -c 'echo "worker 1 up"; exec sleep 3600'/);
    assert.match(config, /autostarttrue/);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#config:not([open])", WAIT);

    // Screenshots for docs/dashboard.md, the clock's log open on the desktop ones.
    await page.click('tr.proc[data-name="clock"] button[data-act="log"]');
    await page.waitForFunction(
      () => (document.getElementById("log-text")?.textContent ?? "").length > 0,
      WAIT,
    );
    await shoot(page, "desktop-light.png", 1280, 860, false);
    await page.click("#log-close");
    await shoot(page, "desktop-dark.png", 1280, 860, true);
    await shoot(page, "phone-light.png", 390, 844, false);
    await shoot(page, "phone-dark.png", 390, 844, true);
  },
});

/** A row's readiness word as shown: its text, or null when it is hidden or absent. */
function readinessShown(page: Page, name: string): Promise<string | null> {
  return page.$eval(`tr.proc[data-name="${name}"]`, (row) => {
    const el = row.querySelector<HTMLElement>('[data-f="readiness"]');
    return el === null || el.hidden ? null : el.textContent;
  });
}

function waitReadiness(page: Page, name: string, word: string | null) {
  return page.waitForFunction(
    (n: string, w: string | null) => {
      const el = document.querySelector<HTMLElement>(
        `tr.proc[data-name="${n}"] [data-f="readiness"]`,
      );
      return (el === null || el.hidden ? null : el.textContent) === w;
    },
    WAIT,
    name,
    word,
  );
}

Deno.test({
  name:
    "dashboard: the readiness word follows readiness and dependency waits live; none for a program without checks",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await TempDaemon.start(`
[inet_http_server]
port = 127.0.0.1:${port}
[program:db]
command = ${PY} ${CHILDREN}s6_ready.py 5 {{dir}}/go
startsecs = 0
readiness_check = fd:5
[program:web]
command = /bin/sleep 3600
startsecs = 0
depends_on = db:ready
[program:plain]
command = /bin/sleep 3600
startsecs = 0
`);
    await d.waitForOutput(/success: plain entered RUNNING state/);
    await d.waitForOutput(/waiting: web waits for db:ready/);
    await d.waitForOutput(/success: db entered RUNNING state/);
    await using b = await launchBrowser();
    const page = await b.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await openDashboard(page, `http://127.0.0.1:${port}/`);
    // As rendered by the server.
    assert.equal(await readinessShown(page, "db"), "unready");
    assert.equal(await readinessShown(page, "web"), "waiting");
    assert.equal(await page.$('tr.proc[data-name="plain"] [data-f="readiness"]'), null);
    await shoot(page, "desktop-readiness.png", 1280, 300, false);

    // db gets ready: its word and web's start come from the event stream.
    Deno.writeTextFileSync(`${d.dir}/go`, "");
    await waitReadiness(page, "db", "ready");
    await waitState(page, "web", "RUNNING");
    await waitReadiness(page, "web", null);

    // Stopped with its dependant; then web's start waits for db, which waits for the file.
    Deno.removeSync(`${d.dir}/go`);
    const stopped = await d.ctl("stop", "--with-dependants", "db");
    assert.match(stopped.stdout, /web: stopped \(depends on db\)/);
    await waitState(page, "db", "STOPPED");
    await waitState(page, "web", "STOPPED");
    await waitReadiness(page, "db", null);
    const starting = d.ctl("start", "web");
    await waitReadiness(page, "web", "waiting");
    await waitReadiness(page, "db", "unready");
    assert.equal(await page.$('tr.proc[data-name="plain"] [data-f="readiness"]'), null);
    Deno.writeTextFileSync(`${d.dir}/go`, "");
    assert.match((await starting).stdout, /web: started/);
    await waitReadiness(page, "db", "ready");
    await waitState(page, "web", "RUNNING");
    await waitReadiness(page, "web", null);
    await notReloaded(page);
  },
});

Deno.test({
  name:
    "dashboard: Reread + update previews the dry run (added, changed with old -> new, what starts); Cancel changes nothing, Apply applies",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await startExample(port);
    await d.waitForOutput(/success: worker_02 entered RUNNING state/);
    await d.waitForOutput(/gave up: flaky entered FATAL state/);
    await using b = await launchBrowser();
    const page = await b.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await openDashboard(page, `http://127.0.0.1:${port}/`);
    const conf = Deno.readTextFileSync(d.conf);
    assert.match(conf, /^startretries = 2$/m);
    Deno.writeTextFileSync(
      d.conf,
      conf.replace(/^startretries = 2$/m, "startretries = 3") +
        `\n[program:extra]\ncommand = /bin/sleep 3600\nstartsecs = 0\n`,
    );
    const preview = async () => {
      await page.click('button[data-global="reload"]');
      await page.waitForSelector("#update[open]", WAIT);
      await page.waitForSelector("#update-body li", WAIT);
      return await page.$$eval(
        "#update-body li",
        (items) => items.map((li) => `${li.className}|${li.textContent}`),
      );
    };
    const lines = await preview();
    assert.deepEqual(lines, [
      "grp|flaky: changed (would start flaky)",
      "opt|flaky startretries: 2 -> 3",
      "grp|extra: added (would start extra)",
    ]);
    assert.equal(
      await page.$eval("#update-apply", (b) => (b as HTMLButtonElement).disabled),
      false,
    );
    await shoot(page, "desktop-update-preview.png", 1280, 600, false);
    await page.click("#update button[type=submit]");
    await page.waitForSelector("#update:not([open])", WAIT);
    assert.doesNotMatch((await d.ctl("status")).stdout, /^extra/m);
    assert.equal(await page.$('tr.proc[data-name="extra"]'), null);

    await preview();
    await page.click("#update-apply");
    await page.waitForSelector("#update:not([open])", WAIT);
    await waitResult(page, "reread \\+ update: applied");
    await waitState(page, "extra", "RUNNING");
    assert.match((await d.ctl("status")).stdout, /^extra\s+RUNNING/m);
    // With the file and the daemon agreeing, the preview says so and offers nothing to apply.
    await page.click('button[data-global="reload"]');
    await page.waitForFunction(
      () => /^Nothing to update/.test(document.getElementById("update-status")?.textContent ?? ""),
      WAIT,
    );
    assert.equal(await page.$eval("#update-apply", (b) => (b as HTMLButtonElement).disabled), true);
    await notReloaded(page);
  },
});

Deno.test({
  name:
    "dashboard: the live log view shows what a child prints, escaped; pause holds it; the main log follows",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await startExample(
      port,
      false,
      `\n[program:echo]\ncommand = /bin/cat\nstartsecs = 0\nstdout_logfile = {{dir}}/echo.log\n`,
    );
    await d.waitForOutput(/success: echo entered RUNNING state/);
    await using b = await launchBrowser();
    const page = await b.browser.newPage();
    await openDashboard(page, `http://127.0.0.1:${port}/`);
    await page.click('tr.proc[data-name="echo"] button[data-act="log"]');
    await page.waitForFunction(
      () => document.getElementById("log-status")?.textContent === "following",
      WAIT,
    );
    const say = async (text: string) => {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/processes/echo/stdin`, {
        method: "POST",
        body: JSON.stringify({ chars: text }),
      });
      assert.equal(r.status, 200);
      await r.body?.cancel();
    };
    const logHas = (text: string) =>
      page.waitForFunction(
        (t: string) => (document.getElementById("log-text")?.textContent ?? "").includes(t),
        WAIT,
        text,
      );
    await say('<b id="evil">first line</b>\n');
    await logHas('<b id="evil">first line</b>');
    assert.equal(await page.$("#log-text b"), null, "program output became markup");

    await page.click("#log-pause");
    await say("held line\n");
    await page.waitForFunction(
      () => /new chars/.test(document.getElementById("log-pause")?.textContent ?? ""),
      WAIT,
    );
    assert.doesNotMatch(await page.$eval("#log-text", (e) => e.textContent ?? ""), /held line/);
    await page.click("#log-pause");
    await logHas("held line");

    await page.click('button[data-global="mainlog"]');
    await page.waitForFunction(
      () => document.getElementById("log-title")?.textContent === "Main log",
      WAIT,
    );
    await logHas("success: echo entered RUNNING state");
    await d.ctl("stop", "echo");
    await logHas("stopped: echo (terminated by SIGTERM)");
    await notReloaded(page);
  },
});

Deno.test({
  name: "dashboard: without credentials the page is refused; with them it loads and goes live",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await startExample(port, true);
    await using b = await launchBrowser();
    const page2 = await b.browser.newPage();
    await page2.authenticate({ username: "admin", password: "change-me" });
    await openDashboard(page2, `http://127.0.0.1:${port}/`);
    assert.equal(await page2.$$eval("tr.proc", (rows) => rows.length), 5);
    // A browser that never had the credentials (puppeteer's authenticate is browser-wide).
    await using b2 = await launchBrowser();
    const page = await b2.browser.newPage();
    // Chromium either shows the 401 or, having no one to ask, fails the navigation as such.
    const refused = await page.goto(`http://127.0.0.1:${port}/`).then(
      (r) => r?.status(),
      (e: Error) => /ERR_INVALID_AUTH_CREDENTIALS/.test(e.message) ? 401 : e.message,
    );
    assert.equal(refused, 401);
    assert.doesNotMatch(await page.content(), /tr class="proc"/);
    const plain = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(plain.status, 401);
    assert.equal(plain.headers.get("WWW-Authenticate"), 'Basic realm="default"');
    await plain.body?.cancel();
    await d.ctl("-u", "admin", "-p", "change-me", "stop", "clock");
    await waitState(page2, "clock", "STOPPED");
  },
});

Deno.test({
  name:
    "dashboard: a forged cross-site POST is refused and supervisord's GET action links do nothing",
  ignore,
  async fn() {
    const port = freePort();
    await using d = await startExample(port);
    await d.waitForOutput(/success: clock entered RUNNING state/);
    const target = `http://127.0.0.1:${port}`;
    const evilPort = freePort();
    const evil = Deno.serve(
      { hostname: "127.0.0.1", port: evilPort, onListen() {} },
      () =>
        new Response(
          `<!doctype html><form id="f" method="POST" enctype="text/plain"
           action="${target}/api/v1/all/stop"><input name="x" value="y"></form>
         <script>document.getElementById("f").submit()</script>`,
          { headers: { "Content-Type": "text/html" } },
        ),
    );
    try {
      await using b = await launchBrowser();
      const page = await b.browser.newPage();
      const answered = page.waitForResponse((r) => r.url() === `${target}/api/v1/all/stop`, WAIT);
      await page.goto(`http://localhost:${evilPort}/`);
      const r = await answered;
      assert.equal(r.status(), 403);
      const get = await page.goto(`${target}/index.html?processname=clock&action=stop`);
      assert.equal(get?.status(), 200);
      const status = await d.ctl("status", "clock", "pool:*");
      assert.match(status.stdout, /^clock\s+RUNNING/m);
      assert.match(status.stdout, /^pool:worker_00\s+RUNNING/m);
    } finally {
      await evil.shutdown();
    }
  },
});

Deno.test({
  name:
    "dashboard: 1,000 processes render and stay responsive under 100 state changes a second (figures printed)",
  ignore,
  async fn() {
    const port = freePort();
    await using _daemon = await TempDaemon.start(
      `[inet_http_server]\nport = 127.0.0.1:${port}\n[program:p]\ncommand = /bin/sleep 3600\n` +
        `process_name = p_%(process_num)04d\nnumprocs = 1000\nautostart = false\nstartsecs = 0\n`,
    );
    const base = `http://127.0.0.1:${port}`;
    const w0 = performance.now();
    await (await fetch(`${base}/api/v1/state`)).body?.cancel();
    const warmUp = performance.now() - w0;
    const renders: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/`);
      const html = await r.text();
      renders.push(performance.now() - t0);
      assert.equal(html.match(/data-name="p:p_/g)?.length, 1000);
    }
    await using b = await launchBrowser();
    const page = await b.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await openDashboard(page, `${base}/`);
    const readyMs = Number(await page.$eval("body", (e) => e.dataset["ready"]));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { response: n.responseEnd, dcl: n.domContentLoadedEventEnd };
    });
    assert.equal(await page.$$eval("tr.proc", (rows) => rows.length), 1000);

    // 50 starts a second for 5 s: STARTING and RUNNING each, 100 state changes a second.
    await page.evaluate(() => {
      const w = globalThis as unknown as { maxGap: number; last: number };
      w.maxGap = 0;
      w.last = performance.now();
      const loop = () => {
        const t = performance.now();
        w.maxGap = Math.max(w.maxGap, t - w.last);
        w.last = t;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    const starts = 250;
    const evalLatency: number[] = [];
    const t0 = performance.now();
    const replies: Promise<number>[] = [];
    for (let i = 0; i < starts; i++) {
      const name = `p:p_${String(i).padStart(4, "0")}`;
      replies.push(
        fetch(`${base}/api/v1/processes/${name}/start?wait=false`, { method: "POST" }).then(
          async (r) => {
            await r.body?.cancel();
            return r.status;
          },
        ),
      );
      if (i % 25 === 0) {
        const e0 = performance.now();
        await page.evaluate(() => document.querySelectorAll("tr.proc").length);
        evalLatency.push(performance.now() - e0);
      }
      const wait = t0 + (i + 1) * 20 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // pacing the load, not a sync
    }
    assert.deepEqual(new Set(await Promise.all(replies)), new Set([200]));
    const sent = performance.now();
    await page.waitForFunction(
      (n: number) => document.querySelectorAll('tr.proc[data-state="RUNNING"]').length === n,
      { timeout: 60_000 },
      starts,
    );
    const caughtUp = performance.now() - sent;
    const maxGap = await page.evaluate(() => (globalThis as unknown as { maxGap: number }).maxGap);
    await notReloaded(page);
    renders.sort((a, b) => a - b);
    evalLatency.sort((a, b) => a - b);
    const seconds = (sent - t0) / 1000;
    console.log(
      [
        `dashboard figures (1,000 processes):`,
        `  first request to the daemon after its start (any route): ${warmUp.toFixed(0)} ms`,
        `  server render over HTTP: worst ${renders.at(-1)!.toFixed(0)} ms, ${
          renders[2]!.toFixed(0)
        } ms median of 5`,
        `  Chromium: response end ${nav.response.toFixed(0)} ms, DOMContentLoaded ${
          nav.dcl.toFixed(0)
        } ms, interactive (script done) ${readyMs} ms after navigation start`,
        `  ${starts} starts in ${seconds.toFixed(1)} s (${
          (2 * starts / seconds).toFixed(0)
        } state changes/s):` +
        ` page caught up ${caughtUp.toFixed(0)} ms after the last start,` +
        ` longest frame gap ${maxGap.toFixed(0)} ms, page.evaluate round trip max ${
          evalLatency.at(-1)!.toFixed(0)
        } ms`,
      ].join("\n"),
    );
  },
});
