/**
 * Registers a theme's compat tests: supervisord still produces the golden transcripts, svisor
 * (daemon + ctl) produces them too, and optionally the real supervisorctl driving svisor's daemon.
 *
 * Environment: COMPAT_UPDATE=1 rewrites the golden files from supervisord; COMPAT_SIDE=supervisord,
 * svisor or hybrid runs one side only; COMPAT_ONLY=text runs the scenarios whose name contains it.
 */

import type { Scenario } from "./compat_scenario.ts";
import { type RunResult, runScenario } from "./compat_runner.ts";
import { lineDiff } from "./compat_diff.ts";
import { probeSvisor } from "./compat_probe.ts";
import {
  type CompatSystem,
  hybridSystem,
  supervisorInstalled,
  supervisorSystem,
  svisorSystem,
} from "./compat_systems.ts";

const GOLDEN = new URL("../fixtures/compat/golden/", import.meta.url).pathname;
const PARALLEL = 4;

/** Options of a theme. */
export interface SuiteOptions {
  /** Also run the scenarios with the real supervisorctl against svisor's daemon. */
  hybrid?: boolean;
}

/** The golden transcript path of a scenario. */
export function goldenPath(scenario: Scenario): string {
  return `${GOLDEN}${scenario.name}.txt`;
}

/** Registers the tests of THEME (one per side, each running the theme's scenarios in parallel). */
export async function compatSuite(
  theme: string,
  scenarios: Scenario[],
  options: SuiteOptions = {},
): Promise<void> {
  const only = Deno.env.get("COMPAT_ONLY");
  const side = Deno.env.get("COMPAT_SIDE");
  const update = Deno.env.get("COMPAT_UPDATE") === "1";
  const chosen = scenarios.filter((s) => only === undefined || s.name.includes(only));
  const installed = supervisorInstalled();
  const wanted = (name: string) => side === undefined || side === name;
  const probe = wanted("svisor") || wanted("hybrid") ? await probeSvisor() : null;

  Deno.test({
    name: `compat ${theme}: supervisord ${
      update ? "writes" : "still produces"
    } the golden transcripts`,
    ignore: !installed || !wanted("supervisord") || chosen.length === 0,
    fn: () => compare(chosen, supervisorSystem(), update),
  });
  const svisorWhy = probe === null ? "" : probe.daemon && probe.ctl ? "" : probe.why;
  Deno.test({
    name: `compat ${theme}: svisor daemon + svisor ctl match the golden transcripts` +
      (svisorWhy ? ` (ignored until they work: ${svisorWhy})` : ""),
    ignore: probe === null || svisorWhy !== "" || !wanted("svisor") || chosen.length === 0,
    fn: () => compare(chosen, svisorSystem(), false),
  });
  if (!options.hybrid) return;
  const hybridWhy = !installed
    ? "supervisorctl is not installed"
    : probe === null || probe.daemon
    ? ""
    : probe.why;
  Deno.test({
    name: `compat ${theme}: supervisorctl driving svisor daemon matches the golden transcripts` +
      (hybridWhy ? ` (ignored: ${hybridWhy})` : ""),
    ignore: probe === null || hybridWhy !== "" || !wanted("hybrid") || chosen.length === 0,
    fn: () => compare(chosen, hybridSystem(), false),
  });
}

/** Runs SCENARIOS against SYSTEM (a few at a time) and fails with every difference from golden. */
async function compare(scenarios: Scenario[], system: CompatSystem, update: boolean) {
  const failures: string[] = [];
  await inBatches(scenarios, PARALLEL, async (scenario) => {
    const result = await runScenario(scenario, system);
    if (update) {
      await Deno.writeTextFile(goldenPath(scenario), result.transcript);
      return;
    }
    const golden = await readGolden(scenario);
    if (golden === null) {
      failures.push(
        `${scenario.name}: no golden transcript; run COMPAT_UPDATE=1 (see docs/compatibility.md)`,
      );
      return;
    }
    const diff = lineDiff(golden, result.transcript);
    if (diff !== "") failures.push(report(scenario, system, diff, result));
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${scenarios.length} scenarios differ (- golden from supervisord, + ${system.name}):\n\n` +
        failures.join("\n\n"),
    );
  }
}

function report(scenario: Scenario, system: CompatSystem, diff: string, result: RunResult): string {
  const tail = result.daemonOutput.trim().split("\n").slice(-15).map((l) => `    ${l}`).join("\n");
  return `== ${scenario.name} (${system.name}) vs golden/${scenario.name}.txt\n${diff}\n` +
    `  -- ${system.name} daemon output (last lines):\n${tail}`;
}

async function readGolden(scenario: Scenario): Promise<string | null> {
  try {
    return await Deno.readTextFile(goldenPath(scenario));
  } catch {
    return null;
  }
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  });
  await Promise.all(workers);
}
