/** `update --dry-run`'s text, shared by `svisor ctl` and the dashboard's update preview. */

import type { UpdatePreview } from "./types.ts";

/**
 * The dry-run text: one line per group (what would happen and to which processes), then each
 * changed option `  process option: old -> new`. Self-contained (the dashboard's script gets its
 * source), so the page's update preview and `ctl update --dry-run` say the same.
 *
 * @example
 * ```ts
 * import { formatPreview } from "./update_preview_text.ts";
 * import assert from "node:assert/strict";
 * const text = formatPreview({ problems: [], groups: [{
 *   group: "web", change: "changed", stops: ["web"], starts: ["web"],
 *   options: [{ process: "web", option: "startsecs", old: "1", new: "5" }],
 * }] });
 * assert.equal(text, "web: changed (would stop web, then start web)\n  web startsecs: 1 -> 5\n");
 * ```
 */
export function formatPreview(preview: UpdatePreview): string {
  const lines: string[] = [];
  for (const p of preview.problems) lines.push(`ERROR: ${p.message}: ${p.group}`);
  for (const g of preview.groups) {
    const acts: string[] = [];
    if (g.stops.length > 0) acts.push(`stop ${g.stops.join(", ")}`);
    if (g.starts.length > 0) {
      acts.push(`${acts.length > 0 ? "then " : ""}start ${g.starts.join(", ")}`);
    }
    const what = acts.length === 0 ? "" : ` (would ${acts.join(", ")})`;
    lines.push(`${g.group}: ${g.change}${what}`);
    for (const o of g.options) {
      lines.push(`  ${o.process === "" ? g.group : o.process} ${o.option}: ${o.old} -> ${o.new}`);
    }
  }
  if (preview.groups.length === 0 && preview.problems.length === 0) lines.push("nothing to update");
  return lines.join("\n") + "\n";
}
