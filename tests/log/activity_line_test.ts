/** Tests the activity-log line format and level names against supervisor's. */

import assert from "node:assert/strict";
import {
  formatActivityLine,
  formatAsctime,
  LEVEL_BY_NAME,
  levelEnabled,
  levelFromName,
} from "../../src/log/activity_line.ts";

Deno.test("formatActivityLine: supervisor's [ran] example line", () => {
  const t = new Date(2026, 10, 24, 13, 33, 24, 907).getTime();
  assert.equal(
    formatActivityLine(t, "INFO", "RPC interface 'supervisor' initialized"),
    "2026-11-24 13:33:24,907 INFO RPC interface 'supervisor' initialized\n",
  );
});

Deno.test("formatAsctime: zero padding and truncated milliseconds", () => {
  const t = new Date(2025, 0, 2, 3, 4, 5, 6).getTime();
  assert.equal(formatAsctime(t), "2025-01-02 03:04:05,006");
  assert.equal(formatAsctime(t + 0.9), "2025-01-02 03:04:05,006");
});

Deno.test("formatActivityLine: newlines in a message are written as is", () => {
  const t = new Date(2025, 5, 6, 7, 8, 9, 10).getTime();
  assert.equal(
    formatActivityLine(t, "DEBG", "'cat' stdout output:\nline1\nline2\n"),
    "2025-06-06 07:08:09,010 DEBG 'cat' stdout output:\nline1\nline2\n\n",
  );
});

Deno.test("levels: config names map to the four-letter names, thresholds by number", () => {
  assert.deepEqual(Object.values(LEVEL_BY_NAME), [
    "CRIT",
    "ERRO",
    "WARN",
    "INFO",
    "DEBG",
    "TRAC",
    "BLAT",
  ]);
  assert.equal(levelFromName("blather"), "BLAT");
  assert.equal(levelEnabled("WARN", "INFO"), true);
  assert.equal(levelEnabled("INFO", "INFO"), true);
  assert.equal(levelEnabled("DEBG", "INFO"), false);
  assert.equal(levelEnabled("BLAT", "TRAC"), false);
  assert.equal(levelEnabled("TRAC", "BLAT"), true);
  assert.equal(levelEnabled("CRIT", "CRIT"), true);
});
