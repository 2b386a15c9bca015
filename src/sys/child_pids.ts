/**
 * The pids of the children the daemon spawned itself and Deno waits for. The orphan reaper reaps
 * only zombies that are not in this set: calling waitpid on one of these would steal the exit
 * status that the child's own handle is waiting for.
 */

/** A set of live child pids (one per daemon, passed to the spawner and the reaper). */
export class ChildPids {
  readonly #pids = new Set<number>();

  /** Records a child that was just spawned (in the same turn of the event loop as the spawn). */
  add(pid: number): void {
    this.#pids.add(pid);
  }

  /** Forgets a child once its status has been collected. */
  delete(pid: number): void {
    this.#pids.delete(pid);
  }

  /** Whether a pid is a child some handle is waiting for. */
  has(pid: number): boolean {
    return this.#pids.has(pid);
  }
}
