/** Tests argv splitting against Python's shlex.split (outputs captured from python3). */

import assert from "node:assert/strict";
import { ArgvSplitError, splitArgv } from "../../src/process/argv_split.ts";

// [input, shlex.split(input)] pairs, as printed by python3.
const CASES: Array<[string, string[]]> = [
  ["sleep 10", ["sleep", "10"]],
  ["  a   b  ", ["a", "b"]],
  ['a"b c"d', ["ab cd"]],
  [`'a b'"c"`, ["a bc"]],
  ['""', [""]],
  ['a "" b', ["a", "", "b"]],
  ["x\\ y", ["x y"]],
  ['"x\\\\y"', ["x\\y"]],
  ['"x\\$y"', ["x\\$y"]],
  ["it\\'s", ["it's"]],
  ["'a\\b'", ["a\\b"]],
  ["tab\there", ["tab", "here"]],
  ["a#b #c", ["a#b", "#c"]],
  ["a\\\nb", ["a\nb"]],
  ["", []],
  ["   ", []],
];

Deno.test("splitArgv: matches shlex.split", () => {
  for (const [input, want] of CASES) assert.deepEqual(splitArgv(input), want, input);
});

Deno.test("splitArgv: shlex's errors", () => {
  assert.throws(() => splitArgv("'a"), new ArgvSplitError("No closing quotation"));
  assert.throws(() => splitArgv('"a'), new ArgvSplitError("No closing quotation"));
  assert.throws(() => splitArgv("a\\"), new ArgvSplitError("No escaped character"));
  assert.throws(() => splitArgv('"a\\'), new ArgvSplitError("No escaped character"));
});
