/**
 * The docs' tables of options, actions and exit codes hold exactly what the code's own tables
 * hold, so the pages cannot drift from the program.
 */

import assert from "node:assert/strict";
import { CHECK_USAGE } from "../../src/cli/check_command.ts";
import { INSTALL_ALIASES_USAGE } from "../../src/cli/install_aliases_command.ts";
import { KNOWN_OPTIONS } from "../../src/config/known_options.ts";
import { ACTIONS } from "../../src/ctl/action_table.ts";
import { EXIT } from "../../src/ctl/ctl_context.ts";
import { CTL_LONG_OPTIONS, CTL_SHORT_OPTIONS } from "../../src/ctl/ctl_options.ts";
import { DAEMON_LONG_OPTIONS, DAEMON_SHORT_OPTIONS } from "../../src/daemon/daemon_options.ts";

const DOCS = new URL("../../docs/", import.meta.url);
const page = (name: string) => Deno.readTextFileSync(new URL(name, DOCS));

/** The rows of the table that follows `heading` (cells trimmed, header and rule dropped). */
function table(text: string, heading: string): string[][] {
  const at = text.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `no "${heading}"`);
  const lines = text.slice(at + heading.length + 2).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows.slice(2);
}

/** Every `-x` and `--name` in the first cells of a table. */
function optionsIn(rows: string[][]): Set<string> {
  const found = new Set<string>();
  for (const [first = ""] of rows) {
    for (const m of first.matchAll(/(?<![\w-])(--?[\w?-]+)/g)) found.add(m[1]!);
  }
  return found;
}

Deno.test("docs/daemon.md's command-line table names supervisord's options as the parser takes them", () => {
  const code = new Set([
    ...[...DAEMON_SHORT_OPTIONS.replaceAll(":", "")].map((c) => `-${c}`),
    ...DAEMON_LONG_OPTIONS.map((o) => `--${o.replace(/=$/, "")}`),
  ]);
  assert.deepEqual(
    [...optionsIn(table(page("daemon.md"), "## Command line"))].sort(),
    [...code].sort(),
  );
});

Deno.test("docs/ctl.md's tables: options, actions and exit codes are the code's", () => {
  const text = page("ctl.md");
  const options = new Set([
    ...Object.keys(CTL_SHORT_OPTIONS).map((c) => `-${c}`),
    ...Object.keys(CTL_LONG_OPTIONS).map((o) => `--${o}`),
  ]);
  assert.deepEqual([...optionsIn(table(text, "## Options"))].sort(), [...options].sort());
  const actions = table(text, "## Actions").flatMap(([first = ""]) =>
    [...first.matchAll(/`(\w+)/g)].map((m) => m[1]!)
  );
  assert.deepEqual(actions.sort(), Object.keys(ACTIONS).filter((a) => a !== "EOF").sort());
  const codes = table(text, "supervisorctl's (its `LSBInitExitStatuses`):").map((
    [code = "", name = ""],
  ) => [name, Number(code)]);
  assert.deepEqual(Object.fromEntries(codes), EXIT);
});

Deno.test("docs/check.md's exit codes are the ones svisor check's help states", () => {
  const documented = table(page("check.md"), "## Exit codes").map(([code]) => code);
  const usage = [...CHECK_USAGE.slice(CHECK_USAGE.indexOf("Exit codes:")).matchAll(/^ +(\d+) /gm)]
    .map((m) => m[1]);
  assert.deepEqual(documented, usage);
});

Deno.test("docs/daemon.md gives install-aliases' exit codes as its help does", () => {
  const usage = [
    ...INSTALL_ALIASES_USAGE.slice(INSTALL_ALIASES_USAGE.indexOf("Exit codes:")).matchAll(
      /^ +(\d+) +(.*)$/gm,
    ),
  ].map((m) => m[1]);
  const documented = table(page("daemon.md"), "Exit codes of `install-aliases`:").map(([c]) => c);
  assert.deepEqual(documented, usage);
});

Deno.test("docs/configuration.md's [supervisord] table has every option the loader reads", () => {
  const rows = table(
    page("configuration.md"),
    "### `[supervisord]` (required by `svisor daemon` and `svisor check`)",
  );
  const documented = rows.map(([first = ""]) => first.replaceAll("`", ""));
  assert.deepEqual(documented.sort(), [...KNOWN_OPTIONS.supervisord!].sort());
});
