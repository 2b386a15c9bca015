/**
 * Runs one `[eventlistener:x]` pool: takes its event types off the bus into the pure pool buffer,
 * reads each listener's stdout through the pure protocol channel, and writes events to the first
 * RUNNING and READY listener, one in flight per listener, oldest first.
 */

import type { EventBus } from "../events/event_bus.ts";
import type { EventTypeName } from "../events/event_types.ts";
import type { EventSerials } from "../events/event_serials.ts";
import { ListenerChannel } from "../events/listener_channel.ts";
import { ListenerPool, type PooledEvent, type PoolLog } from "../events/listener_pool.ts";
import type { SupervisorEvent } from "../events/supervisor_event.ts";
import type { ActivityLog } from "../core/ports.ts";
import type { ProcessGroup } from "./process_group.ts";
import type { ProcessSlot } from "./process_slot.ts";

/** One listener process as the pool sees it. */
interface Member {
  slot: ProcessSlot;
  channel: ListenerChannel;
  /** The event written to it and not yet answered. */
  inFlight: PooledEvent | null;
  /** Its stdin refused a write: it gets no event until it is spawned again. */
  broken: boolean;
  /** The pid its channel belongs to (0: not running). */
  pid: number;
}

/** What a runner needs. */
export interface ListenerPoolDeps {
  /** The bus to take events from. */
  bus: EventBus;
  /** The main log. */
  log: ActivityLog;
  /** The daemon's global serials. */
  serials: EventSerials;
  /** The daemon's identifier (`server:` in envelopes). */
  server: string;
}

/** A pool at run time; `dispose()` unsubscribes it (before PROCESS_GROUP_REMOVED, as supervisord). */
export class ListenerPoolRunner {
  readonly #pool: ListenerPool;
  readonly #deps: ListenerPoolDeps;
  readonly #members: Member[] = [];
  readonly #undo: Array<() => void> = [];
  readonly #encoder = new TextEncoder();
  #scheduled = false;
  #disposed = false;

  /** The pool's buffer as the metrics see it. */
  get stats(): { pool: string; buffered: number; capacity: number; overflows: number } {
    const p = this.#pool;
    return { pool: p.name, buffered: p.size, capacity: p.capacity, overflows: p.overflows };
  }

  /** Subscribes the pool to its `events=` types and hooks its listeners' stdout. */
  constructor(group: ProcessGroup, deps: ListenerPoolDeps) {
    this.#deps = deps;
    const first = group.slots[0]?.config.eventlistener;
    this.#pool = new ListenerPool(group.name, {
      bufferSize: first?.bufferSize ?? 10,
      serials: deps.serials,
      server: deps.server,
    });
    for (const type of first?.events ?? []) {
      this.#undo.push(deps.bus.subscribe(type as EventTypeName, (e) => this.#accept(e)));
    }
    for (const slot of group.slots) {
      const member: Member = {
        slot,
        channel: new ListenerChannel(slot.name, { debug: deps.log.enabled("DEBG") }),
        inFlight: null,
        broken: false,
        pid: slot.record.pid,
      };
      this.#members.push(member);
      slot.stdout.protocol = (chunk) => this.#feed(member, chunk);
      this.#undo.push(slot.watch(() => this.#changed(member)));
      this.#undo.push(() => (slot.stdout.protocol = null));
    }
  }

  /** Events waiting in the pool's buffer. */
  get buffered(): number {
    return this.#pool.size;
  }

  /** Stops taking events and reading the listeners. */
  dispose(): void {
    this.#disposed = true;
    for (const undo of this.#undo.splice(0)) undo();
  }

  #accept(event: SupervisorEvent): void {
    // A pool subscribed to a type and to its parent hears an event twice; it keeps it once.
    if (this.#pool.has(event)) return;
    this.#logAll(this.#pool.accept(event));
    this.#schedule();
  }

  #changed(member: Member): void {
    const record = member.slot.record;
    if (record.pid !== member.pid) {
      if (member.pid !== 0) this.#lost(member);
      member.pid = record.pid;
      member.channel = new ListenerChannel(member.slot.name, {
        debug: this.#deps.log.enabled("DEBG"),
      });
      member.broken = false;
    }
    if (record.state === "RUNNING") this.#schedule();
  }

  /** The listener ended: an unanswered event goes back to the head of the buffer. */
  #lost(member: Member): void {
    const item = member.inFlight;
    member.inFlight = null;
    if (item !== null) this.#logAll(this.#pool.rebuffer(item));
  }

  #feed(member: Member, chunk: Uint8Array): void {
    if (this.#disposed) return;
    for (const effect of member.channel.feed(chunk)) {
      if (effect.type === "log") {
        this.#deps.log.log(effect.level, effect.message);
      } else if (effect.type === "processed") {
        member.inFlight = null;
      } else {
        const item = member.inFlight;
        member.inFlight = null;
        if (item !== null) this.#logAll(this.#pool.rebuffer(item));
      }
    }
    this.#schedule();
  }

  /** Dispatches once the current publish or read is over (supervisord does it once per loop pass). */
  #schedule(): void {
    if (this.#scheduled || this.#disposed) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#dispatch();
    });
  }

  #dispatch(): void {
    if (this.#disposed) return;
    while (this.#pool.peek() !== undefined) {
      const member = this.#members.find((m) =>
        m.slot.record.state === "RUNNING" && m.channel.state === "READY" && !m.broken &&
        m.slot.child !== null
      );
      if (member === undefined) return;
      const item = this.#pool.take()!;
      member.channel.sent();
      member.inFlight = item;
      const bytes = this.#encoder.encode(this.#pool.envelopeOf(item));
      if (this.#deps.log.enabled("DEBG")) {
        this.#deps.log.log("DEBG", `event ${item.serial} sent to listener ${member.slot.name}`);
      }
      member.slot.writeStdin(bytes).catch(() => {
        // supervisord's EPIPE case: the listener cannot take events now; the event waits for
        // another listener (or this one, once it is spawned again).
        this.#deps.log.log(
          "DEBG",
          `epipe occurred while sending event ${item.serial} to listener ${member.slot.name}, listener state unchanged`,
        );
        member.broken = true;
        if (member.inFlight === item) {
          member.inFlight = null;
          this.#logAll(this.#pool.rebuffer(item));
        }
        this.#schedule();
      });
    }
  }

  #logAll(logs: PoolLog[]): void {
    for (const l of logs) this.#deps.log.log(l.level, l.message);
  }
}
