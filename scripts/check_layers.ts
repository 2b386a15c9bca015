/** Holds the dependency direction of STYLE.md: which src/ folder may import which, and who may touch Deno.*. */

const PURE = ["core", "config", "process", "events", "log", "protocol"];
/** For each folder, the folders it may import from (type-only imports from PURE neighbours are always allowed to pure folders). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  config: ["core"],
  process: ["core"],
  events: ["core", "protocol"],
  log: ["core"],
  protocol: ["core"],
  engine: ["core", "config", "process", "events", "log", "protocol"],
  api: ["core", "config", "process", "events", "log", "protocol", "engine"],
  sys: ["core", "config", "process", "events", "log", "cli"],
  daemon: ["core", "config", "process", "events", "log", "protocol", "engine", "api", "sys", "cli"],
  ctl: ["core", "config", "process", "protocol", "log", "sys", "cli", "api"],
  cli: ["core", "config", "sys", "daemon", "ctl", "protocol"],
};
/** Folders whose code may use the Deno namespace. */
const MAY_TOUCH_DENO = new Set(["sys", "daemon", "cli", "ctl"]);

const problems: string[] = [];
for await (const file of walk("src")) {
  const folder = file.split("/")[1] ?? "";
  const text = await Deno.readTextFile(file);
  const allowed = ALLOWED[folder];
  if (allowed === undefined) {
    problems.push(
      `${file}: folder "src/${folder}" is not in the layer table of scripts/check_layers.ts`,
    );
    continue;
  }
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gm)) {
    const typeOnly = m[2] !== undefined;
    const target = resolve(file, m[3] ?? "");
    if (!target.startsWith("src/")) continue;
    const to = target.split("/")[1] ?? "";
    if (to === folder) continue;
    if (allowed.includes(to)) continue;
    if (typeOnly && PURE.includes(folder) && PURE.includes(to)) continue;
    problems.push(`${file}: imports src/${to} (${m[3]}), which src/${folder} may not`);
  }
  if (!MAY_TOUCH_DENO.has(folder) && /\bDeno\.(?!test\b)[A-Za-z]/.test(stripComments(text))) {
    problems.push(`${file}: uses Deno.*, which only sys/, daemon/, cli/ and ctl/ may`);
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  Deno.exit(1);
}
console.log("layers: ok");

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

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}
