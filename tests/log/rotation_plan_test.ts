/** Tests the rotation arithmetic: when to rotate and the renames, in supervisor's order. */

import assert from "node:assert/strict";
import { backupPath, rotationDue, rotationPlan } from "../../src/log/rotation_plan.ts";

Deno.test("rotationDue: at or over maxbytes rotates, under does not, 0 never does", () => {
  assert.equal(rotationDue(0, 1), false);
  assert.equal(rotationDue(1, 1), true);
  assert.equal(rotationDue(5000, 1024), true);
  assert.equal(rotationDue(1023, 1024), false);
  assert.equal(rotationDue(Number.MAX_SAFE_INTEGER, 0), false);
});

Deno.test("rotationPlan: oldest first, base last, then the base file reopened empty", () => {
  assert.deepEqual(rotationPlan("/l/x.log", 3), [
    { kind: "rename", from: "/l/x.log.2", to: "/l/x.log.3" },
    { kind: "rename", from: "/l/x.log.1", to: "/l/x.log.2" },
    { kind: "rename", from: "/l/x.log", to: "/l/x.log.1" },
    { kind: "truncate", path: "/l/x.log" },
  ]);
  assert.deepEqual(rotationPlan("x", 1), [
    { kind: "rename", from: "x", to: "x.1" },
    { kind: "truncate", path: "x" },
  ]);
});

Deno.test("rotationPlan: backups 0 only truncates", () => {
  assert.deepEqual(rotationPlan("x.log", 0), [{ kind: "truncate", path: "x.log" }]);
});

Deno.test("rotationPlan: applied to a map of files, every byte keeps its age order", () => {
  const files = new Map<string, string>();
  const apply = (content: string) => {
    files.set("f", content);
    for (const step of rotationPlan("f", 3)) {
      if (step.kind === "truncate") files.set(step.path, "");
      else if (files.has(step.from)) {
        files.set(step.to, files.get(step.from)!);
        files.delete(step.from);
      }
    }
  };
  for (const c of ["a", "b", "c", "d", "e"]) apply(c);
  assert.deepEqual([3, 2, 1].map((n) => files.get(backupPath("f", n))), ["c", "d", "e"]);
  assert.equal(files.get("f"), "");
});
