/** supervisorctl's restart as the JSON API runs it: stop (not running is fine), then start. */

import assert from "node:assert/strict";
import { restartProcesses } from "../../src/engine/restart_processes.ts";
import { groupConfig, processConfig, programGroup } from "../helpers/config_builder.ts";
import { engineWorld } from "./engine_world.ts";

Deno.test("restart of a stopped process starts it; of a running one stops it first", async () => {
  await using w = engineWorld([programGroup("web", { autostart: false, startsecs: 0 })]);
  const first = await restartProcesses(w.engine, { kind: "process", name: "web" });
  assert.ok("process" in first && first.process.statename === "RUNNING");
  const pid = "process" in first ? first.process.pid : 0;
  const again = restartProcesses(w.engine, { kind: "process", name: "web" });
  const second = await again;
  assert.ok("process" in second && second.process.statename === "RUNNING");
  assert.notEqual("process" in second ? second.process.pid : pid, pid, "a new child");
  assert.deepEqual(w.spawner.of("/bin/web")[0]?.signals, [["SIGTERM", false]]);
});

Deno.test("restart of a group or of all gives the stop results, then the start results", async () => {
  await using w = engineWorld([
    groupConfig("grp", [
      processConfig("a", { autostart: false, startsecs: 0 }),
      processConfig("b", { autostart: false, startsecs: 0 }),
    ], { explicit: true }),
  ], { executables: ["/bin/a", "/bin/b"] });
  await w.engine.startProcess("grp:a");
  const group = await restartProcesses(w.engine, { kind: "group", name: "grp" });
  assert.deepEqual(group, {
    stopped: [{ name: "a", group: "grp", status: "SUCCESS", description: "OK" }],
    started: [
      { name: "a", group: "grp", status: "SUCCESS", description: "OK" },
      { name: "b", group: "grp", status: "SUCCESS", description: "OK" },
    ],
  });
  const all = await restartProcesses(w.engine, { kind: "all" });
  assert.ok("stopped" in all && all.stopped.length === 2 && all.started.length === 2);
});
