/**
 * Making the daemon a child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER): a program's orphaned
 * descendants (a double fork, a `setsid` daemonizer) are re-parented to the daemon instead of init,
 * so it can reap them and stop them with their program.
 */

import { errno, type Libc } from "./libc.ts";

const PR_SET_CHILD_SUBREAPER = 36;

/** What happened: whether orphans now come to this process, and a line for the activity log. */
export interface SubreaperOutcome {
  /** Orphans of descendants are re-parented to this process. */
  adopted: boolean;
  /** The log line. */
  message: string;
}

/** Asks the kernel to make this process a subreaper (PID 1 is one already). */
export function becomeSubreaper(libc: Libc | null, pid: number): SubreaperOutcome {
  if (pid === 1) {
    return { adopted: true, message: "running as PID 1: every orphan comes to svisor" };
  }
  if (libc === null || Deno.build.os !== "linux") {
    return {
      adopted: false,
      message: "not a child subreaper (needs Linux and libc): orphans of programs go to init",
    };
  }
  if (libc.prctl(PR_SET_CHILD_SUBREAPER, 1n, 0n, 0n, 0n) !== 0) {
    return {
      adopted: false,
      message: `prctl(PR_SET_CHILD_SUBREAPER) failed (errno ${
        errno(libc)
      }): orphans of programs go to init`,
    };
  }
  return {
    adopted: true,
    message: "child subreaper: orphaned descendants of programs are re-parented to svisor",
  };
}
