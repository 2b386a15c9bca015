/** The engine's event machinery: one listener pool runner per `[eventlistener:x]` group, the global serials, and the TICK timer. */

import { EventSerials } from "../events/event_serials.ts";
import { TickSchedule } from "../events/tick_schedule.ts";
import type { TimerHandle } from "../core/ports.ts";
import type { EngineDeps } from "./engine_deps.ts";
import { ListenerPoolRunner } from "./listener_pool_runner.ts";
import type { ProcessGroup } from "./process_group.ts";

/** Pools and ticks of one engine. */
export class EventPlumbing {
  readonly #deps: EngineDeps;
  readonly #server: string;
  readonly #serials = new EventSerials();
  readonly #pools = new Map<string, ListenerPoolRunner>();
  readonly #ticks = new TickSchedule();
  #timer: TimerHandle | null = null;
  #stopped = false;

  /** No pools, no ticks yet. */
  constructor(deps: EngineDeps, server: string) {
    this.#deps = deps;
    this.#server = server;
  }

  /** Makes the group's pool when it is an event listener group (before its PROCESS_GROUP_ADDED). */
  attach(group: ProcessGroup): void {
    if (group.slots[0]?.config.eventlistener === undefined) return;
    this.#pools.get(group.name)?.dispose();
    this.#pools.set(
      group.name,
      new ListenerPoolRunner(group, {
        bus: this.#deps.bus,
        log: this.#deps.log,
        serials: this.#serials,
        server: this.#server,
      }),
    );
  }

  /** Each pool's buffer fill and overflows. */
  poolStats(): Array<ListenerPoolRunner["stats"]> {
    return [...this.#pools.values()].map((p) => p.stats);
  }

  /** Unsubscribes a group's pool (before its PROCESS_GROUP_REMOVED). */
  detach(name: string): void {
    this.#pools.get(name)?.dispose();
    this.#pools.delete(name);
  }

  /** Starts the TICK_* events: the first slice is the baseline, then one check per 5-second boundary. */
  startTicks(): void {
    const clock = this.#deps.clock;
    this.#ticks.advance(clock.now());
    const arm = () => {
      if (this.#stopped) return;
      this.#timer = clock.setTimer(TickSchedule.delayToNext(clock.now()), () => {
        this.#timer = null;
        for (const tick of this.#ticks.advance(clock.now())) this.#deps.bus.publish(tick);
        arm();
      });
    };
    arm();
  }

  /** Stops the ticks and every pool. */
  dispose(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#deps.clock.clearTimer(this.#timer);
    this.#timer = null;
    for (const name of [...this.#pools.keys()]) this.detach(name);
  }
}
