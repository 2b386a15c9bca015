/**
 * A Spawner wrapper that keeps track of what its children leave behind: it registers each child in
 * ChildPids (so the orphan reaper leaves it to Deno), and gives each handle `killEscaped`, which
 * finds the processes that came from the child but left its process group or session:
 *
 * - descendants by parent pid, from a full /proc scan, while the chain is intact;
 * - the same, remembered from the first signal of a stop, for those orphaned since;
 * - re-parented orphans (parent: the daemon, not a spawned child) whose environment still names
 *   the program (`SUPERVISOR_GROUP_NAME`, `SUPERVISOR_PROCESS_NAME`, set for every child), and
 *   those still in the child's session or group.
 *
 * A process that cleared its environment, left the session and was orphaned before the stop is
 * not found (a cgroup per program would find it; see docs/daemon.md). Pids are checked against
 * their start time before each signal, so a reused pid is never signalled.
 */

import type { ChildHandle, Spawner, SpawnRequest } from "../core/ports.ts";
import { descendantsOf, isZombie, type ProcStat } from "../process/proc_stat.ts";
import type { ChildPids } from "./child_pids.ts";
import { descendantsByWalk, environOf, processTable, sameProcess } from "./proc_table.ts";

/** What the wrapper needs. */
export interface FollowingOptions {
  /** The daemon's live children. */
  children: ChildPids;
  /** The daemon's pid (the parent of re-parented orphans). */
  selfPid: number;
}

/** Wraps a spawner: its children are registered and can have their escaped descendants signalled. */
export function followingSpawner(inner: Spawner, options: FollowingOptions): Spawner {
  return {
    spawn(request: SpawnRequest): ChildHandle {
      const child = inner.spawn(request);
      const group = request.env.SUPERVISOR_GROUP_NAME;
      const name = request.env.SUPERVISOR_PROCESS_NAME;
      const label = group === undefined || name === undefined ? null : { group, name };
      options.children.add(child.pid, label);
      void child.status.finally(() => options.children.delete(child.pid));
      return new FollowedChild(child, request, options);
    },
  };
}

class FollowedChild implements ChildHandle {
  readonly #inner: ChildHandle;
  readonly #group: string | undefined;
  readonly #name: string | undefined;
  readonly #options: FollowingOptions;
  #remembered: ProcStat[] | null = null;

  constructor(inner: ChildHandle, request: SpawnRequest, options: FollowingOptions) {
    this.#inner = inner;
    this.#group = request.env.SUPERVISOR_GROUP_NAME;
    this.#name = request.env.SUPERVISOR_PROCESS_NAME;
    this.#options = options;
  }

  get pid(): number {
    return this.#inner.pid;
  }
  get stdout(): ReadableStream<Uint8Array> {
    return this.#inner.stdout;
  }
  get stderr(): ReadableStream<Uint8Array> | null {
    return this.#inner.stderr;
  }
  get status() {
    return this.#inner.status;
  }
  get notifications(): ReadableStream<Uint8Array> | undefined {
    return this.#inner.notifications;
  }
  writeStdin(data: Uint8Array): Promise<void> {
    return this.#inner.writeStdin(data);
  }

  kill(signal: string, group: boolean): void {
    // The tree as it stands when a stop begins: the orphans of a dying child are found later by it.
    if (this.#remembered === null) this.#remembered = descendantsByWalk(this.pid);
    this.#inner.kill(signal, group);
  }

  killEscaped(signal: string): string[] {
    const table = processTable();
    const found = new Map<number, ProcStat>();
    const add = (s: ProcStat) => {
      if (s.pid !== this.pid && s.pid !== this.#options.selfPid && !isZombie(s)) {
        found.set(s.pid, s);
      }
    };
    descendantsOf(this.pid, table).forEach(add);
    const live = new Map(table.map((s) => [s.pid, s]));
    for (const old of this.#remembered ?? []) {
      const now = live.get(old.pid);
      if (now !== undefined && now.starttime === old.starttime) add(now);
    }
    for (const s of table) {
      if (s.session === this.pid || s.pgrp === this.pid) add(s);
      else if (s.ppid === this.#options.selfPid && !this.#options.children.has(s.pid)) {
        const env = environOf(s.pid);
        if (
          env !== null && this.#name !== undefined && env.SUPERVISOR_PROCESS_NAME === this.#name &&
          env.SUPERVISOR_GROUP_NAME === this.#group
        ) add(s);
      }
    }
    const signalled: string[] = [];
    for (const s of found.values()) {
      if (!sameProcess(s.pid, s.starttime)) continue;
      try {
        Deno.kill(s.pid, signal as Deno.Signal);
        signalled.push(`${s.pid} (${s.comm})`);
      } catch {
        // it exited between the check and the signal: nothing left to stop
      }
    }
    return signalled;
  }
}
