/** The ignored-error check: an ignored error without a reason fails it; one with a comment passes. */

import assert from "node:assert/strict";
import { checkCatches } from "../../scripts/check_catches.ts";

Deno.test("an ignored error fails without a comment and passes with one; handled ones pass", async () => {
  const root = await Deno.makeTempDir({ prefix: "svisor-catches-" });
  try {
    await Deno.mkdir(`${root}/src/sys`, { recursive: true });
    await Deno.writeTextFile(
      `${root}/src/sys/a.ts`,
      [
        "export async function f(p: Promise<void>) {",
        "  await p.catch(() => {});",
        "  try {",
        "    await p;",
        "  } catch {",
        "  }",
        "  // The file may be gone already: that is the wanted end.",
        "  await p.catch(() => {});",
        "  try {",
        "    await p;",
        "  } catch {",
        "    return null;",
        "  }",
        "}",
      ].join("\n"),
    );
    assert.deepEqual(await checkCatches(root), [
      "src/sys/a.ts:2: an error is ignored without a comment saying why",
      "src/sys/a.ts:5: an error is ignored without a comment saying why",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the real tree says why at every ignored error", async () => {
  assert.deepEqual(await checkCatches("."), []);
});
