/** Tests of Python %-formatting as supervisor expands config values. */

import assert from "node:assert/strict";
import { percentFormat, PercentFormatError } from "../../src/config/percent_format.ts";

const NAMES = { here: "/etc", process_num: 7, numprocs: 3, program_name: "web" };

Deno.test("%% is a literal percent and %(name)s substitutes", () => {
  assert.equal(percentFormat("100%% %(here)s/%(program_name)s", NAMES), "100% /etc/web");
});

Deno.test("number format specs work like Python's", () => {
  assert.equal(percentFormat("%(process_num)02d", NAMES), "07");
  assert.equal(percentFormat("%(process_num)03d|%(process_num)-3d|", NAMES), "007|7  |");
  assert.equal(
    percentFormat("%(process_num)x %(process_num)#o %(process_num)+d", NAMES),
    "7 0o7 +7",
  );
  assert.equal(percentFormat("%(numprocs)s %(process_num)5.2f", NAMES), "3  7.00");
  assert.equal(percentFormat("%(program_name)r %(program_name).2s", NAMES), "'web' we");
});

Deno.test("unknown names are all reported", () => {
  assert.throws(() => percentFormat("%(a)s %(here)s %(b)d", NAMES), (e: unknown) => {
    assert.ok(e instanceof PercentFormatError);
    assert.equal(e.kind, "missing");
    assert.deepEqual(e.missing, ["a", "b"]);
    assert.equal(e.message, 'unknown names "a", "b"');
    return true;
  });
});

Deno.test("malformed directives are errors, as in Python", () => {
  const bad = (t: string, re: RegExp) =>
    assert.throws(() => percentFormat(t, NAMES), (e: unknown) => {
      assert.ok(e instanceof PercentFormatError && e.kind === "bad");
      assert.match(e.message, re);
      return true;
    });
  bad("50%", /lone %/);
  bad("50% off", /"% " at index 2 has no \(name\); write %% for a literal %/);
  bad("%(here", /never closed/);
  bad("%(here)", /incomplete format/);
  bad("%(here)b", /unsupported format character "b" \(0x62\) at index 7/);
  bad("%(here)d", /%d format: a real number is required, not str/);
});
