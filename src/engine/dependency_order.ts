/** Groups in dependency order: what others depend on comes first, priorities order the rest (unchanged without depends_on). */

import type { ProcessGroup } from "./process_group.ts";

/**
 * A stable reorder of groups (already in priority order) by dependency depth: a group whose
 * programs depend on another group's come after it. Without any depends_on it returns the
 * same order.
 */
export function dependencyOrder(groups: ProcessGroup[]): ProcessGroup[] {
  const byProgram = new Map<string, readonly string[]>();
  for (const g of groups) {
    for (const p of g.config.processes) {
      byProgram.set(p.program, (p.dependsOn ?? []).map((d) => d.program));
    }
  }
  if ([...byProgram.values()].every((d) => d.length === 0)) return groups;
  const depth = new Map<string, number>();
  const depthOf = (program: string, path: Set<string>): number => {
    const known = depth.get(program);
    if (known !== undefined) return known;
    if (path.has(program)) return 0; // a cycle is a config error; never loop on one
    path.add(program);
    const deps = byProgram.get(program) ?? [];
    const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((x) => depthOf(x, path)));
    path.delete(program);
    depth.set(program, d);
    return d;
  };
  const groupDepth = (g: ProcessGroup) =>
    Math.max(0, ...g.config.processes.map((p) => depthOf(p.program, new Set())));
  return groups
    .map((g, i) => ({ g, i, d: groupDepth(g) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.g);
}
