/** Engine reloadConfig diff, addProcessGroup/removeProcessGroup, and getAllConfigInfo. */

import assert from "node:assert/strict";
import { type FaultCode, SvisorError } from "../../src/core/errors.ts";
import { diffGroups } from "../../src/engine/config_diff.ts";
import {
  buildConfig,
  groupConfig,
  processConfig,
  programGroup,
} from "../helpers/config_builder.ts";
import { engineWorld } from "./engine_world.ts";

function fault(code: FaultCode, message?: string) {
  return (e: unknown) =>
    e instanceof SvisorError && e.code === code && (message === undefined || e.message === message);
}

Deno.test("reloadConfig: added, changed, removed by group; AUTO logs compare equal; nothing applied", async () => {
  await using w = engineWorld([
    programGroup("same"),
    programGroup("edit"),
    programGroup("gone"),
  ]);
  w.engine.start();
  w.nextConfig = buildConfig([
    programGroup("same"),
    programGroup("edit", { startsecs: 5 }),
    programGroup("new"),
  ]);
  assert.deepEqual(await w.engine.reloadConfig(), {
    added: ["new"],
    changed: ["edit"],
    removed: ["gone"],
  });
  const names = (await w.engine.getAllProcessInfo()).map((i) => i.name);
  assert.deepEqual(names, ["edit", "gone", "same"]);
  const info = await w.engine.getAllConfigInfo();
  assert.deepEqual(info.map((i) => `${i.name} ${i.inuse}`), [
    "edit true",
    "new false",
    "same true",
  ]);
});

Deno.test("reloadConfig: a config that cannot be read is CANT_REREAD with its text", async () => {
  await using w = engineWorld([programGroup("web")]);
  w.nextConfig = new Error(
    'svisor.conf:3: [program:web] startsecs: cannot parse "x" as an integer',
  );
  await assert.rejects(
    w.engine.reloadConfig(),
    fault("CANT_REREAD", 'svisor.conf:3: [program:web] startsecs: cannot parse "x" as an integer'),
  );
});

Deno.test("addProcessGroup: BAD_NAME, ALREADY_ADDED; the new group autostarts and is announced", async () => {
  await using w = engineWorld([programGroup("web", { autostart: false })]);
  w.engine.start();
  await assert.rejects(w.engine.addProcessGroup("new"), fault("BAD_NAME", "new"));
  w.nextConfig = buildConfig([programGroup("web", { autostart: false }), programGroup("new")]);
  w.probe.addExecutable("/bin/new");
  await w.engine.reloadConfig();
  await assert.rejects(w.engine.addProcessGroup("web"), fault("ALREADY_ADDED", "web"));
  await w.engine.addProcessGroup("new");
  const added = w.events.flatMap((e) => e.type === "PROCESS_GROUP_ADDED" ? [e.groupName] : []);
  assert.deepEqual(added, ["web", "new"]);
  assert.equal((await w.engine.getProcessInfo("new")).statename, "STARTING");
  assert.equal(w.spawner.last("/bin/new").pid, 4242);
});

Deno.test("removeProcessGroup: BAD_NAME, STILL_RUNNING, then removed and announced", async () => {
  await using w = engineWorld([programGroup("web")]);
  w.engine.start();
  await assert.rejects(w.engine.removeProcessGroup("nope"), fault("BAD_NAME", "nope"));
  await assert.rejects(w.engine.removeProcessGroup("web"), fault("STILL_RUNNING", "web"));
  await w.engine.stopProcess("web");
  await w.engine.removeProcessGroup("web");
  assert.equal(w.events.at(-1)?.type, "PROCESS_GROUP_REMOVED");
  await assert.rejects(w.engine.getProcessInfo("web"), fault("BAD_NAME", "web"));
  assert.deepEqual((await w.engine.getAllConfigInfo()).map((i) => i.inuse), [false]);
});

Deno.test("getAllConfigInfo: supervisor's fields, sorted by name, real AUTO paths while in use", async () => {
  await using w = engineWorld([
    groupConfig("grp", [
      processConfig("zeta", {
        priority: 5,
        stopsignal: "INT",
        user: "www-data",
        stdout: { logfile: { kind: "file", path: "/var/log/zeta.log" }, eventsEnabled: true },
        stderr: { logfile: { kind: "none" } },
      }),
      processConfig("alpha", { redirectStderr: true }),
    ], { priority: 7, explicit: true }),
  ]);
  const [alpha, zeta] = await w.engine.getAllConfigInfo();
  assert.equal(alpha?.name, "alpha");
  assert.match(
    alpha?.stdout_logfile ?? "",
    /^\/logs\/alpha-stdout---supervisor-[a-z0-9_]{8}\.log$/,
  );
  assert.equal(alpha?.stderr_logfile, "none");
  assert.deepEqual(zeta, {
    autostart: true,
    directory: null,
    uid: 33,
    command: "/bin/zeta",
    exitcodes: [0],
    group: "grp",
    group_prio: 7,
    inuse: true,
    killasgroup: false,
    name: "zeta",
    process_prio: 5,
    redirect_stderr: false,
    startretries: 3,
    startsecs: 1,
    stdout_capture_maxbytes: 0,
    stdout_events_enabled: true,
    stdout_logfile: "/var/log/zeta.log",
    stdout_logfile_backups: 10,
    stdout_logfile_maxbytes: 52428800,
    stdout_syslog: false,
    stderr_capture_maxbytes: 0,
    stderr_events_enabled: false,
    stderr_logfile: "none",
    stderr_logfile_backups: 10,
    stderr_logfile_maxbytes: 52428800,
    stderr_syslog: false,
    stopsignal: 2,
    stopwaitsecs: 10,
    serverurl: "none",
  });
  w.nextConfig = buildConfig([groupConfig("grp", [processConfig("alpha")], { priority: 7 })]);
  await w.engine.reloadConfig();
  assert.equal((await w.engine.getAllConfigInfo())[0]?.stdout_logfile, "auto");
});

Deno.test("diffGroups: priority, membership and process order changes; AUTO against a path is equal", () => {
  const base = [programGroup("a"), groupConfig("g", [processConfig("x"), processConfig("y")])];
  assert.deepEqual(diffGroups(base, base), { added: [], changed: [], removed: [] });
  assert.deepEqual(
    diffGroups(base, [programGroup("a", { priority: 1 }), groupConfig("g", [processConfig("x")])]),
    { added: [], changed: ["a", "g"], removed: [] },
  );
  const withPath = programGroup("a", { stdout: { logfile: { kind: "file", path: "/l/a.log" } } });
  assert.deepEqual(diffGroups([base[0]!], [withPath]).changed, []);
  const none = programGroup("a", { stdout: { logfile: { kind: "none" } } });
  assert.deepEqual(diffGroups([withPath], [none]).changed, ["a"]);
});
