import assert from "node:assert/strict";
import { makeNamespec, splitNamespec } from "../../src/protocol/namespec.ts";

Deno.test("namespecs split and join as supervisor's", () => {
  assert.deepEqual(splitNamespec("a"), ["a", "a"]);
  assert.deepEqual(splitNamespec("g:"), ["g", null]);
  assert.deepEqual(splitNamespec("g:*"), ["g", null]);
  assert.deepEqual(splitNamespec("g:p:q"), ["g", "p:q"]);
  assert.equal(makeNamespec("a", "a"), "a");
  assert.equal(makeNamespec("g", "p"), "g:p");
});
