/** Normalises a compat transcript: pids, uptimes, dates, times, temp paths, ports, AUTO log suffixes. */

import type { Placeholders } from "./compat_scenario.ts";

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

/** The rules, in order: [pattern, replacement]. */
const RULES: [RegExp, string][] = [
  [/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/g, "<TIME>"],
  [new RegExp(`${MONTH} \\d\\d \\d\\d:\\d\\d [AP]M`, "g"), "<DATE>"],
  [/uptime (?:\d+ days?, )?\d+:\d\d:\d\d/g, "uptime <UPTIME>"],
  [/\bpid \d+/g, "pid <PID>"],
  [/\((\d+)\) with SIG/g, "(<PID>) with SIG"],
  [/---supervisor-[A-Za-z0-9_]+\.log/g, "---supervisor-<RAND>.log"],
  [/^[1-9]\d*$/gm, "<PID>"],
  [/^(error: <class '[^']*'>, .*): file: \S+ line: \d+$/gm, "$1: file: <FILE> line: <LINE>"],
];

/** Replaces run-specific values in TEXT by stable tokens. */
export function normalise(text: string, where: Placeholders): string {
  let out = text
    .replaceAll(where.children, "<CHILDREN>")
    .replaceAll(where.dir, "<TMP>");
  if (where.port !== "") out = out.replaceAll(`:${where.port}`, ":<PORT>");
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
