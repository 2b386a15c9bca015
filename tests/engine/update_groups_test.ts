/** The one update rule (supervisorctl 4.2.5's do_update) over a scripted service. */

import assert from "node:assert/strict";
import { updateGroups, type UpdateTarget } from "../../src/engine/update_groups.ts";
import type { ConfigDiff, ProcessResult, UpdateStep } from "../../src/protocol/types.ts";

/** A target whose calls are logged; `stopStatus` is the result status of every stopped process. */
function target(diff: ConfigDiff, active: string[], stopStatus: ProcessResult["status"]) {
  const calls: string[] = [];
  const t: UpdateTarget = {
    reloadConfig: () => (calls.push("reloadConfig"), Promise.resolve(diff)),
    getAllProcessInfo: () => {
      calls.push("getAllProcessInfo");
      return Promise.resolve(active.map((g) => ({
        name: g,
        group: g,
        description: "",
        start: 0,
        stop: 0,
        now: 0,
        statename: "RUNNING" as const,
        spawnerr: "",
        exitstatus: 0,
        stdout_logfile: "",
        stderr_logfile: "",
        pid: 1,
      })));
    },
    stopProcessGroup: (g) => {
      calls.push(`stop ${g}`);
      return Promise.resolve([{ name: g, group: g, status: stopStatus, description: "x" }]);
    },
    removeProcessGroup: (g) => (calls.push(`remove ${g}`), Promise.resolve()),
    addProcessGroup: (g) => (calls.push(`add ${g}`), Promise.resolve()),
  };
  return { t, calls };
}

Deno.test("update: a removed group is kept only when a stop result is FAILED", async () => {
  const diff = { added: [], changed: [], removed: ["old"] };
  const kept = target(diff, ["old"], "FAILED");
  const report = await updateGroups(kept.t, null);
  assert.deepEqual(report.problems, [{ group: "old", message: "has problems; not removing" }]);
  assert.deepEqual(kept.calls, ["reloadConfig", "stop old"]);
  // Any other failure of the stop does not keep it (supervisorctl compares with FAILED only).
  const gone = target(diff, ["old"], "NOT_RUNNING");
  assert.deepEqual((await updateGroups(gone.t, null)).removed, ["old"]);
  assert.deepEqual(gone.calls, ["reloadConfig", "stop old", "remove old"]);
});

Deno.test("update: a changed group is replaced whatever its stop results say", async () => {
  const { t, calls } = target({ added: [], changed: ["web"], removed: [] }, ["web"], "FAILED");
  const report = await updateGroups(t, null);
  assert.deepEqual(report.changed, ["web"]);
  assert.deepEqual(calls, ["reloadConfig", "stop web", "remove web", "add web"]);
});

Deno.test("update: unknown named groups are reported first, then the steps in supervisorctl's order", async () => {
  const diff = { added: ["new"], changed: ["web"], removed: ["old"] };
  const { t } = target(diff, ["web", "old"], "SUCCESS");
  const steps: UpdateStep[] = [];
  const report = await updateGroups(t, ["nosuch", "new", "old", "web"], {
    onStep: (s) => steps.push(s),
  });
  assert.deepEqual(steps.map((s) => `${s.group} ${s.step}`), [
    "nosuch no-such-group",
    "old stopped",
    "old removed",
    "web stopped",
    "web updated",
    "new added",
  ]);
  assert.deepEqual(report, {
    added: ["new"],
    changed: ["web"],
    removed: ["old"],
    problems: [{ group: "nosuch", message: "no such group" }],
  });
});

Deno.test("update: `all` among the names means every group; no names ask no process list", async () => {
  const diff = { added: ["new"], changed: [], removed: [] };
  const named = target(diff, [], "SUCCESS");
  assert.deepEqual((await updateGroups(named.t, ["all"])).added, ["new"]);
  assert.deepEqual(named.calls, ["reloadConfig", "add new"]);
});
