/**
 * The daemon's care for what its programs leave behind: it becomes a child subreaper (or is PID 1),
 * reaps adopted zombies, spawns through the following spawner (for killasgroup's escaped
 * descendants), and at exit stops every adopted process that is still there.
 */

import type { ActivityLog, Spawner } from "../core/ports.ts";
import { ChildPids } from "../sys/child_pids.ts";
import { denoSpawner } from "../sys/deno_spawner.ts";
import { followingSpawner } from "../sys/following_spawner.ts";
import type { Libc } from "../sys/libc.ts";
import { OrphanReaper } from "../sys/orphan_reaper.ts";
import { becomeSubreaper } from "../sys/subreaper.ts";

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

  /** Becomes a subreaper and starts reaping (logging what it could do). */
  constructor(libc: Libc | null, log: ActivityLog, pid: number) {
    this.#log = log;
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

  /** At exit: SIGTERM to every adopted process left, SIGKILL to those still there after 10 s. */
  async [Symbol.asyncDispose](): Promise<void> {
    const reaper = this.#reaper;
    if (reaper === null) return;
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const left = reaper.adopted();
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
      await reaper.waitForNone(signal === "SIGTERM" ? EXIT_GRACE_MS : 1000);
    }
    reaper[Symbol.dispose]();
  }
}
