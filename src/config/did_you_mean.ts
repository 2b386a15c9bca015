/** Suggests the known name closest to a misspelt one (optimal string alignment distance). */

/**
 * The candidate closest to `word` when it is close enough to be a likely typo, else null.
 *
 * @example
 * ```ts
 * import { didYouMean } from "./did_you_mean.ts";
 * import assert from "node:assert/strict";
 * assert.equal(didYouMean("comand", ["command", "directory"]), "command");
 * assert.equal(didYouMean("xyz", ["command"]), null);
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(w, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = w.length <= 3 ? 1 : w.length <= 8 ? 2 : 3;
  return bestDistance <= allowed ? best : null;
}

function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
