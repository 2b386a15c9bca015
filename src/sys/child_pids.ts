/**
 * The pids of the children the daemon spawned itself and Deno waits for, with the program each
 * runs. The orphan reaper reaps only zombies that are not in this set: calling waitpid on one of
 * these would steal the exit status that the child's own handle is waiting for. The runtime record
 * follows it to know what a killed daemon leaves behind.
 */

/** Which program a child runs. */
export interface ChildLabel {
  /** Its group. */
  group: string;
  /** Its process name. */
  name: string;
}

/** A set of live child pids (one per daemon, passed to the spawner and the reaper). */
export class ChildPids {
  readonly #pids = new Map<number, ChildLabel | null>();
  readonly #watchers = new Set<(change: "add" | "delete") => void>();

  /** Records a child that was just spawned (in the same turn of the event loop as the spawn). */
  add(pid: number, label: ChildLabel | null = null): void {
    this.#pids.set(pid, label);
    if (label !== null) this.#changed("add");
  }

  /** Forgets a child once its status has been collected. */
  delete(pid: number): void {
    const label = this.#pids.get(pid);
    if (this.#pids.delete(pid) && label !== null) this.#changed("delete");
  }

  /** Whether a pid is a child some handle is waiting for. */
  has(pid: number): boolean {
    return this.#pids.has(pid);
  }

  /** The live children with their programs. */
  entries(): Array<[number, ChildLabel | null]> {
    return [...this.#pids];
  }

  /**
   * Calls `fn` after every add and delete of a labelled child (a program's), with which it was;
   * unlabelled ones (a probe's shell, here only for the reaper) change nothing a watcher keeps.
   * Returns the unsubscribe.
   */
  watch(fn: (change: "add" | "delete") => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  #changed(change: "add" | "delete"): void {
    for (const w of [...this.#watchers]) w(change);
  }
}
