/** Every config of tests/fixtures/configs/ gets the verdict, errors and warnings its manifest records. */

import assert from "node:assert/strict";
import { ConfigLoadErrors, loadConfig } from "../../src/config/load_config.ts";
import { denoConfigFs } from "../../src/sys/config_fs.ts";

const DIR = new URL("../fixtures/configs/", import.meta.url).pathname;

interface Expected {
  ok: boolean;
  errors?: string[];
  warnings?: string[];
}

const manifest: Record<string, Expected> = JSON.parse(
  Deno.readTextFileSync(`${DIR}verdicts.json`),
);

for (const [file, expected] of Object.entries(manifest)) {
  Deno.test(`fixture ${file}: ${expected.ok ? "loads" : "is rejected"} with the recorded messages`, () => {
    const fill = (s: string) => s.replaceAll("<fixtures>/", DIR);
    const options = { fs: denoConfigFs(), env: { HOME: "/root" }, cwd: DIR.replace(/\/$/, "") };
    try {
      const config = loadConfig(file, options);
      assert.equal(expected.ok, true, `${file} loaded but should fail`);
      assert.deepEqual(config.warnings.map((w) => w.message), (expected.warnings ?? []).map(fill));
    } catch (e) {
      if (!(e instanceof ConfigLoadErrors)) throw e;
      assert.equal(expected.ok, false, `${file} failed: ${e.message}`);
      assert.deepEqual(e.errors.map((x) => x.message), (expected.errors ?? []).map(fill));
    }
  });
}
