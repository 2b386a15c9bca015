/**
 * Headless Chromium for the dashboard tests: Debian's /usr/bin/chromium driven by puppeteer-core
 * (nothing downloads a browser), a fresh profile per launch, removed at disposal. When no browser
 * is installed, `BROWSER_MISSING` says so and the tests are skipped.
 */

import puppeteer, { type Browser } from "puppeteer-core";

/** The system browser the tests drive (`SVISOR_CHROMIUM` overrides). */
export const CHROMIUM_PATH = Deno.env.get("SVISOR_CHROMIUM") ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or null when they can. */
export const BROWSER_MISSING: string | null = (() => {
  try {
    Deno.statSync(CHROMIUM_PATH);
    return null;
  } catch {
    return `no browser at ${CHROMIUM_PATH} (apt-get install -y chromium): dashboard browser tests skipped`;
  }
})();

if (BROWSER_MISSING !== null) console.warn(BROWSER_MISSING);

/** A launched browser and its throwaway profile. */
export interface TestBrowser extends AsyncDisposable {
  /** The puppeteer handle. */
  browser: Browser;
}

/** Launches headless Chromium with the flags that keep it off the network and out of the way. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = await Deno.makeTempDir({ prefix: "svisor_chromium_" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async [Symbol.asyncDispose]() {
      await browser.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {}); // best effort: a temp dir
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}
