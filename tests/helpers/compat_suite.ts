/**
 * Registers a theme's compat tests: supervisord still produces the golden transcripts, svisor
 * (daemon + ctl) produces them too, and optionally the real supervisorctl driving svisor's daemon.
 *
 * Environment: COMPAT_UPDATE=1 rewrites the golden files from supervisord; COMPAT_SIDE=supervisord,
 * svisor, hybrid or svisorctl runs one side only; COMPAT_ONLY=text runs the scenarios whose name
 * contains it.
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
  svisorCtlSystem,
  svisorSystem,
} from "./compat_systems.ts";

const GOLDEN = new URL("../fixtures/compat/golden/", import.meta.url).pathname;
const PARALLEL = 4;

/** Options of a theme. */
export interface SuiteOptions {
  /**
   * Also run the crossed pairs: the real supervisorctl against svisor's daemon, and svisor's ctl
   * against supervisord.
   */
  cross?: boolean;
}

/** The golden transcript path of a scenario. */
export function goldenPath(scenario: Scenario): string {
  return `${GOLDEN}${scenario.name}.txt`;
}

/** One registered comparison: a side name (for COMPAT_SIDE), its system, and why it cannot run. */
interface Side {
  side: string;
  title: string;
  system: () => CompatSystem;
  why: string;
}

/** Registers the tests of THEME (one per side, each running the theme's scenarios in parallel). */
export async function compatSuite(
  theme: string,
  scenarios: Scenario[],
  options: SuiteOptions = {},
): Promise<void> {
  const only = Deno.env.get("COMPAT_ONLY");
  const chosenSide = Deno.env.get("COMPAT_SIDE");
  const update = Deno.env.get("COMPAT_UPDATE") === "1";
  const chosen = scenarios.filter((s) => only === undefined || s.name.includes(only));
  const wanted = (side: string) => chosenSide === undefined || chosenSide === side;
  const installed = supervisorInstalled() ? "" : "supervisor 4.2.5 is not installed";
  const probe = ["svisor", "hybrid", "svisorctl"].some(wanted) ? await probeSvisor() : null;
  const daemonWhy = probe?.daemonWhy ?? "";
  const ctlWhy = probe?.ctlWhy ?? "";
  const sides: Side[] = [{
    side: "supervisord",
    title: `supervisord ${update ? "writes" : "still produces"} the golden transcripts`,
    system: supervisorSystem,
    why: installed,
  }, {
    side: "svisor",
    title: "svisor daemon + svisor ctl match the golden transcripts",
    system: svisorSystem,
    why: daemonWhy || ctlWhy,
  }];
  if (options.cross) {
    sides.push({
      side: "hybrid",
      title: "supervisorctl driving svisor daemon matches the golden transcripts",
      system: hybridSystem,
      why: installed || daemonWhy,
    }, {
      side: "svisorctl",
      title: "svisor ctl driving supervisord matches the golden transcripts",
      system: svisorCtlSystem,
      why: installed || ctlWhy,
    });
  }
  for (const { side, title, system, why } of sides) {
    const skip = !wanted(side) || chosen.length === 0 || (update && side !== "supervisord");
    Deno.test({
      name: `compat ${theme}: ${title}${why && !skip ? ` (ignored until it can run: ${why})` : ""}`,
      ignore: skip || why !== "",
      fn: () => compare(chosen, system(), update && side === "supervisord"),
    });
  }
}

/**
 * Deliberate differences (each listed in docs/compatibility.md): golden lines that a system is not
 * expected to print.
 */
const DELIBERATE: Array<{ line: RegExp; applies: (system: CompatSystem) => boolean }> = [{
  // supervisorctl 4.2.5 follows "Server requires authentication" with its own uncaught
  // ProtocolError (a Python file and line); svisor ctl stops at the clear message.
  line:
    /^error: <class 'xmlrpc\.client\.ProtocolError'>, <ProtocolError for .*: 401 Unauthorized>: file: <FILE> line: <LINE>$/,
  applies: (system) => usesSvisorCtl(system),
}];

function usesSvisorCtl(system: CompatSystem): boolean {
  return system.name === "svisor" || system.name.endsWith("svisor ctl");
}

/** The golden transcript without the lines SYSTEM deliberately does not print. */
function expectedFor(golden: string, system: CompatSystem): string {
  const rules = DELIBERATE.filter((d) => d.applies(system));
  if (rules.length === 0) return golden;
  return golden.split("\n").filter((l) => !rules.some((r) => r.line.test(l))).join("\n");
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
    const diff = lineDiff(expectedFor(golden, system), result.transcript);
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
