/**
 * Reaps the zombies of processes the daemon did not spawn but was handed (re-parented orphans, as a
 * subreaper or as PID 1). After each burst of SIGCHLDs it lists its own children in /proc and calls
 * `waitpid(pid, WNOHANG)` on each zombie that is not in ChildPids; never `waitpid(-1)`, which would
 * steal the exit statuses that Deno's child handles wait for.
 */

import { isZombie, type ProcStat } from "../process/proc_stat.ts";
import type { ChildPids } from "./child_pids.ts";
import type { Libc } from "./libc.ts";
import { childrenOf } from "./proc_table.ts";

const WNOHANG = 1;
/**
 * How long a SIGCHLD waits for the ones after it before the reap runs: each reap reads the threads'
 * children files, which list every child (1,000 pids at N=1,000), so a reap per exit made a stop of
 * all O(N^2) (0.78 s of the reads in a profile of `restart all`). An orphan's zombie lasts at most
 * this long more.
 */
const COALESCE_MS = 50;

/** What the reaper needs. */
export interface OrphanReaperOptions {
  /** libc for waitpid. */
  libc: Libc;
  /** The children Deno waits for (never reaped here). */
  children: ChildPids;
  /** The daemon's pid. */
  selfPid: number;
  /** Called for each orphan reaped, with its stat as last seen and its wait status. */
  onReaped?: (orphan: ProcStat, status: number) => void;
}

/** Reaps adopted zombies on SIGCHLD until disposed. */
export class OrphanReaper implements Disposable {
  readonly #options: OrphanReaperOptions;
  readonly #listener = () => this.#soon();
  readonly #waiters = new Set<() => void>();
  #listening = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Starts listening to SIGCHLD and reaps whatever is already waiting. */
  constructor(options: OrphanReaperOptions) {
    this.#options = options;
    try {
      Deno.addSignalListener("SIGCHLD", this.#listener);
      this.#listening = true;
    } catch {
      // no SIGCHLD listener on this platform: reap() still runs when the daemon calls it
    }
    this.reap();
  }

  /** Reaps once the burst of SIGCHLDs this one may begin has arrived. */
  #soon(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.reap();
    }, COALESCE_MS);
  }

  /** Reaps every adopted zombie now; returns how many. */
  reap(): number {
    const { libc, children, selfPid } = this.#options;
    let reaped = 0;
    const status = new Int32Array(1);
    for (const s of childrenOf(selfPid, (pid) => !children.has(pid))) {
      if (!isZombie(s)) continue;
      if (libc.waitpid(s.pid, new Uint8Array(status.buffer), WNOHANG) === s.pid) {
        reaped++;
        this.#options.onReaped?.(s, status[0]!);
      }
    }
    if (reaped > 0) { for (const w of [...this.#waiters]) w(); }
    return reaped;
  }

  /** The live processes re-parented to the daemon (its children that it did not spawn). */
  adopted(): ProcStat[] {
    const { children, selfPid } = this.#options;
    return childrenOf(selfPid, (pid) => !children.has(pid)).filter((s) => !isZombie(s));
  }

  /**
   * Resolves once none of `these` adopted processes is left or `ms` have passed (each reap
   * re-checks); true when none is left.
   */
  async waitForNone(these: readonly ProcStat[], ms: number): Promise<boolean> {
    const keys = new Set(these.map((s) => `${s.pid}:${s.starttime}`));
    const none = () => !this.adopted().some((s) => keys.has(`${s.pid}:${s.starttime}`));
    if (none()) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wake: () => void = () => {};
    const check = () => {
      if (none()) wake();
    };
    try {
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, ms);
        this.#waiters.add(check);
        check();
      });
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(check);
    }
    return none();
  }

  /** Stops listening to SIGCHLD (after a last reap). */
  [Symbol.dispose](): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.reap();
    if (this.#listening) Deno.removeSignalListener("SIGCHLD", this.#listener);
    this.#listening = false;
  }
}
