/**
 * The daemon's care for what its programs leave behind: it becomes a child subreaper (or is PID 1),
 * reaps adopted zombies, spawns through the following spawner (for killasgroup's escaped
 * descendants), and at exit stops the adopted processes that came from a killasgroup program.
 * What other programs left keeps running, as under supervisord (a container's PID 1 takes it
 * along when it exits; systemd's KillMode=mixed kills it).
 */

import type { ActivityLog, Spawner } from "../core/ports.ts";
import { ChildPids } from "../sys/child_pids.ts";
import { denoSpawner } from "../sys/deno_spawner.ts";
import { followingSpawner } from "../sys/following_spawner.ts";
import type { Libc } from "../sys/libc.ts";
import { OrphanReaper } from "../sys/orphan_reaper.ts";
import { becomeSubreaper } from "../sys/subreaper.ts";
import { environOf } from "../sys/proc_table.ts";

/** How long adopted processes get after SIGTERM at exit before SIGKILL (supervisor's default stopwaitsecs). */
const EXIT_GRACE_MS = 10_000;

/** The orphan handling of one daemon process (across restarts). */
export class OrphanCare implements AsyncDisposable {
  /** The spawner every engine uses. */
  readonly spawner: Spawner;
  /** The children the spawner started that are still running. */
  readonly children = new ChildPids();
  readonly #reaper: OrphanReaper | null;
  readonly #log: ActivityLog;
  readonly #killasgroup: (group: string, name: string) => boolean;

  /**
   * Becomes a subreaper and starts reaping (logging what it could do); `killasgroup(group, name)`
   * says whether a program's leftovers are stopped at exit.
   */
  constructor(
    libc: Libc | null,
    log: ActivityLog,
    pid: number,
    killasgroup: (group: string, name: string) => boolean,
  ) {
    this.#log = log;
    this.#killasgroup = killasgroup;
    const children = this.children;
    this.spawner = followingSpawner(denoSpawner(), { children, selfPid: pid });
    const outcome = becomeSubreaper(libc, pid);
    // DEBG when it worked: supervisord logs nothing here, and maintail output stays the same.
    log.log(outcome.adopted ? "DEBG" : "WARN", outcome.message);
    this.#reaper = libc === null ? null : new OrphanReaper({
      libc,
      children,
      selfPid: pid,
      onReaped: (s, status) =>
        log.log("DEBG", `reaped orphan ${s.pid} (${s.comm}), wait status ${status}`),
    });
  }

  /**
   * At exit: SIGTERM to every adopted process whose environment names a killasgroup program,
   * SIGKILL to those still there after 10 s.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    const reaper = this.#reaper;
    if (reaper === null) return;
    const ours = (pid: number) => {
      const env = environOf(pid);
      const group = env?.SUPERVISOR_GROUP_NAME;
      const name = env?.SUPERVISOR_PROCESS_NAME;
      return group !== undefined && name !== undefined && this.#killasgroup(group, name);
    };
    const stop = reaper.adopted().filter((s) => ours(s.pid));
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const live = new Set(reaper.adopted().map((s) => `${s.pid}:${s.starttime}`));
      const left = stop.filter((s) => live.has(`${s.pid}:${s.starttime}`));
      if (left.length === 0) break;
      const names = left.map((s) => `${s.pid} (${s.comm})`).join(", ");
      this.#log.log("WARN", `stopping what programs left behind with ${signal}: ${names}`);
      for (const s of left) {
        try {
          Deno.kill(s.pid, signal);
        } catch {
          // it exited since the listing: nothing to stop
        }
      }
      await reaper.waitForNone(left, signal === "SIGTERM" ? EXIT_GRACE_MS : 1000);
    }
    reaper[Symbol.dispose]();
  }
}
