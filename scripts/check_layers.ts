/**
 * Holds the dependency direction of ../shared/STYLE.md: which src/ folder may import which, who may
 * touch Deno.*, and no import cycle, between files or between folders. Run by `deno task check`.
 */

import { sourceFiles } from "./source_files.ts";

/** For each src/ folder, the folders it may import from (type-only imports between pure folders are always allowed). */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  config: ["core"],
  // process quotes commands with protocol's pyRepr and names states with protocol's sets.
  process: ["core", "protocol"],
  events: ["core"],
  log: ["core"],
  protocol: ["core"],
  engine: ["core", "config", "process", "events", "log", "protocol"],
  api: ["core", "config", "process", "events", "log", "protocol", "engine"],
  sys: ["core", "config", "process", "events", "log"],
  daemon: ["core", "config", "process", "events", "log", "protocol", "engine", "api", "sys"],
  // ctl runs the engine's update rule over the wire (engine/update_groups.ts imports only protocol).
  ctl: ["core", "config", "process", "protocol", "log", "sys", "engine"],
  cli: ["core", "config", "sys", "daemon", "ctl", "protocol"],
};

/** The pure folders (no Deno.*, and type-only imports allowed between them). */
export const PURE: readonly string[] = ["core", "config", "process", "events", "log", "protocol"];

/** Folders whose code may use the Deno namespace. */
export const MAY_TOUCH_DENO: readonly string[] = ["sys", "daemon", "cli", "ctl"];

/** Options of checkLayers. */
export interface LayerOptions {
  /** The layer table; default LAYERS. */
  layers?: Readonly<Record<string, readonly string[]>>;
}

/** One import of a file: the target path relative to the root, and whether it is type-only. */
interface Edge {
  to: string;
  typeOnly: boolean;
  spec: string;
}

/** Every problem under `root`/src, one line each (empty when the layers hold). */
export async function checkLayers(root: string, options: LayerOptions = {}): Promise<string[]> {
  const layers = options.layers ?? LAYERS;
  const problems: string[] = [];
  const graph = new Map<string, Edge[]>();
  for await (const file of sourceFiles(root, "src")) {
    const text = await Deno.readTextFile(`${root}/${file}`);
    graph.set(file, importsOf(file, text));
  }
  for (const [file, edges] of graph) {
    const folder = file.split("/")[1] ?? "";
    const allowed = layers[folder];
    if (allowed === undefined) {
      problems.push(
        `${file}: folder "src/${folder}" is not in the layer table of scripts/check_layers.ts`,
      );
      continue;
    }
    for (const e of edges) {
      if (!e.to.startsWith("src/")) continue;
      const to = e.to.split("/")[1] ?? "";
      if (to === folder || allowed.includes(to)) continue;
      if (e.typeOnly && PURE.includes(folder) && PURE.includes(to)) continue;
      problems.push(`${file}: imports src/${to} (${e.spec}), which src/${folder} may not`);
    }
    const text = await Deno.readTextFile(`${root}/${file}`);
    if (
      !MAY_TOUCH_DENO.includes(folder) && /\bDeno\.(?!test\b)[A-Za-z]/.test(stripComments(text))
    ) {
      problems.push(`${file}: uses Deno.*, which only ${MAY_TOUCH_DENO.join("/, ")}/ may`);
    }
  }
  const fileEdges = new Map<string, Set<string>>();
  const folderEdges = new Map<string, Set<string>>();
  for (const [file, edges] of graph) {
    const from = file.split("/")[1] ?? "";
    for (const e of edges) {
      if (!graph.has(e.to)) continue;
      add(fileEdges, file, e.to);
      const to = e.to.split("/")[1] ?? "";
      if (to !== from) add(folderEdges, `src/${from}`, `src/${to}`);
    }
  }
  for (const cycle of cycles(fileEdges)) problems.push(`import cycle between files: ${cycle}`);
  for (const cycle of cycles(folderEdges)) problems.push(`import cycle between folders: ${cycle}`);
  return problems;
}

function add(edges: Map<string, Set<string>>, from: string, to: string): void {
  let set = edges.get(from);
  if (set === undefined) edges.set(from, set = new Set());
  set.add(to);
}

/** The imports of a file: static, re-exports and dynamic `import("...")`, resolved to root-relative paths. */
function importsOf(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  const code = stripComments(text);
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gm)) {
    edges.push({ to: resolve(file, m[2] ?? ""), typeOnly: m[1] !== undefined, spec: m[2] ?? "" });
  }
  for (const m of code.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g)) {
    edges.push({ to: resolve(file, m[1] ?? ""), typeOnly: false, spec: m[1] ?? "" });
  }
  return edges;
}

/** Each strongly connected component of more than one node (or a self-loop), as `a -> b -> a`. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  // Tarjan's algorithm, iterative so that deep import chains cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[] = [];
  let next = 0;
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])])]
    .sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; children: string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...(edges.get(node) ?? [])].sort(), i: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      if (top.i < top.children.length) {
        const child = top.children[top.i++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) {
        low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== top.node);
      const selfLoop = edges.get(top.node)?.has(top.node) ?? false;
      if (component.length > 1 || selfLoop) found.push(describe(component.sort(), edges));
    }
  }
  return found;
}

/** One path around a component, starting at its first member: `a -> b -> a`. */
function describe(component: string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string {
  const members = new Set(component);
  const first = component[0]!;
  const path = [first];
  const seen = new Set([first]);
  let at = first;
  for (let steps = 0; steps < component.length; steps++) {
    const outs = [...(edges.get(at) ?? [])].filter((n) => members.has(n)).sort();
    const back = outs.find((n) => n === first);
    const fresh = outs.find((n) => !seen.has(n));
    const to = fresh ?? back;
    if (to === undefined) break;
    path.push(to);
    if (to === first) break;
    seen.add(to);
    at = to;
  }
  if (path[path.length - 1] !== first) path.push("...", first);
  return path.join(" -> ");
}

function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

if (import.meta.main) {
  const problems = await checkLayers(".");
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    Deno.exitCode = 1;
  } else {
    console.log("layers: ok (folders, Deno.*, no import cycles)");
  }
}
