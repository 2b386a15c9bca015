/** The layer check: planted cycles and a forbidden import fail it; the real tree passes. */

import assert from "node:assert/strict";
import { checkLayers } from "../../scripts/check_layers.ts";

/** Writes `files` (path -> text) under a fresh temporary root. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "svisor-layers-" });
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${root}/${path.split("/").slice(0, -1).join("/")}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
  return root;
}

Deno.test("a planted file cycle fails, type-only imports included", async () => {
  const root = await tree({
    "src/core/a.ts": 'import { b } from "./b.ts";\nexport const a = b;\n',
    "src/core/b.ts": 'import type { C } from "./c.ts";\nexport const b = 1;\n',
    "src/core/c.ts": 'import { a } from "./a.ts";\nexport type C = typeof a;\n',
  });
  try {
    assert.deepEqual(await checkLayers(root), [
      "import cycle between files: src/core/a.ts -> src/core/b.ts -> src/core/c.ts -> src/core/a.ts",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a planted folder cycle fails even when no file cycle exists", async () => {
  const root = await tree({
    "src/x/a.ts": 'import { b } from "../y/b.ts";\nexport const a = b;\n',
    "src/y/b.ts": "export const b = 1;\n",
    "src/y/c.ts": 'export { d } from "../x/d.ts";\n',
    "src/x/d.ts": "export const d = 2;\n",
  });
  try {
    const problems = await checkLayers(root, { layers: { x: ["y"], y: ["x"] } });
    assert.deepEqual(problems, ["import cycle between folders: src/x -> src/y -> src/x"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("an import against the table, a dynamic one included, and Deno.* in a pure folder fail", async () => {
  const root = await tree({
    "src/core/a.ts":
      'const m = await import("../engine/e.ts");\nexport const a = Deno.pid + m.e;\n',
    "src/engine/e.ts": "export const e = 1;\n",
  });
  try {
    assert.deepEqual(await checkLayers(root), [
      "src/core/a.ts: imports src/engine (../engine/e.ts), which src/core may not",
      "src/core/a.ts: uses Deno.*, which only sys/, daemon/, cli/, ctl/ may",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the real tree holds its layers and has no cycle", async () => {
  assert.deepEqual(await checkLayers("."), []);
});
