/**
 * Bug 2: during a crash storm (200 programs that exit at once and are restarted at once) the
 * control plane still answers, and `stop all` ends the storm. Latencies are printed, not asserted.
 */

import assert from "node:assert/strict";
import { Daemon, figure, until } from "./reliability_kit.ts";

const PROGRAMS = 200;

function stormConfig(): string {
  return `[program:crash]
command=/bin/false
process_name=%(program_name)s_%(process_num)03d
numprocs=${PROGRAMS}
startsecs=0
autorestart=true
startretries=1000000
stdout_logfile=NONE
stderr_logfile=NONE
`;
}

/** Spawns so far, from the activity log. */
async function spawns(d: Daemon): Promise<number> {
  return ((await d.log()).match(/ spawned: /g) ?? []).length;
}

Deno.test("a crash storm of 200 programs: ctl status answers, stop all ends it", async () => {
  await using d = await Daemon.start(stormConfig());
  await until("the storm to be under way", async () => (await spawns(d)) > PROGRAMS * 3, {
    ms: 60_000,
    everyMs: 250,
  });
  for (let i = 0; i < 5; i++) {
    const status = await d.ctl("status");
    figure(`storm_ctl_status_${i}_ms`, status.ms);
    assert.equal(status.stdout.trim().split("\n").length, PROGRAMS, status.stdout.slice(0, 500));
  }
  const rpcMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    assert.match(await d.rpc("supervisor.getState"), /RUNNING/);
    rpcMs.push(Math.round(performance.now() - t));
  }
  const t0 = await spawns(d);
  const stop = await d.ctl("stop", "all");
  figure("storm_spawns_before_stop", t0);
  figure("storm_rpc_getState_ms_max", Math.max(...rpcMs));
  figure("storm_rpc_getState_ms_median", rpcMs.sort((a, b) => a - b)[10]!);
  figure("storm_ctl_stop_all_ms", stop.ms);
  assert.equal(stop.code, 0, stop.stdout.slice(0, 500));
  const after = await d.ctl("status");
  const lines = after.stdout.trim().split("\n");
  assert.equal(lines.length, PROGRAMS);
  for (const line of lines) assert.match(line, /\s(STOPPED|EXITED)\s/, line);
  const spawned = await spawns(d);
  assert.equal((await d.ctl("status")).stdout, after.stdout, "nothing respawns after stop all");
  assert.equal(await spawns(d), spawned);
});
