/**
 * An event listener pool's buffer as pure code (supervisord's `EventListenerPool`): serials global
 * and per pool, oldest-first delivery, rebuffering at the head, and the overflow rule.
 */

import type { LogLevel } from "../core/ports.ts";
import { envelope } from "../protocol/listener_wire.ts";
import type { EventSerials } from "./event_serials.ts";
import { EventQueue } from "./event_queue.ts";
import { eventPayload, type SupervisorEvent } from "./supervisor_event.ts";

/** An event waiting in a pool, with its serials. */
export interface PooledEvent {
  /** The event. */
  event: SupervisorEvent;
  /** Its global serial. */
  serial: number;
  /** Its serial in this pool. */
  poolSerial: number;
}

/** A line for the main log. */
export interface PoolLog {
  level: LogLevel;
  message: string;
}

/** Options of a pool. */
export interface ListenerPoolOptions {
  /** `buffer_size`: events kept before the oldest is dropped (at least 1). */
  bufferSize: number;
  /** The global serials, shared by every pool of the daemon. */
  serials: EventSerials;
  /** The daemon's identifier (`server:` in envelopes). */
  server: string;
}

/**
 * The events a pool still has to deliver, oldest first.
 *
 * @example
 * ```ts
 * import { EventSerials } from "./event_serials.ts";
 * import { ListenerPool } from "./listener_pool.ts";
 * import assert from "node:assert/strict";
 * const pool = new ListenerPool("lis", { bufferSize: 1, serials: new EventSerials(), server: "s" });
 * pool.accept({ type: "PROCESS_GROUP_ADDED", groupName: "a" });
 * const logs = pool.accept({ type: "PROCESS_GROUP_ADDED", groupName: "b" });
 * assert.equal(logs[0]?.message, "pool lis event buffer overflowed, discarding event 0");
 * assert.equal(pool.peek()?.serial, 1);
 * ```
 */
export class ListenerPool {
  /** The pool (group) name. */
  readonly name: string;
  readonly #options: ListenerPoolOptions;
  readonly #buffer: EventQueue<PooledEvent>;
  readonly #poolSerials = new WeakMap<object, number>();
  #nextPoolSerial = 0;
  #overflows = 0;

  /** An empty pool. */
  constructor(name: string, options: ListenerPoolOptions) {
    this.name = name;
    this.#options = options;
    this.#buffer = new EventQueue(options.bufferSize);
  }

  /** How many events wait. */
  get size(): number {
    return this.#buffer.size;
  }

  /** Its `buffer_size`. */
  get capacity(): number {
    return this.#options.bufferSize;
  }

  /** How many events a full buffer has dropped. */
  get overflows(): number {
    return this.#overflows;
  }

  /** Whether this pool ever took this event (so a second subscription does not take it twice). */
  has(event: SupervisorEvent): boolean {
    return this.#poolSerials.has(event);
  }

  /** Takes a new event at the tail (serials are given now); returns the log lines. */
  accept(event: SupervisorEvent): PoolLog[] {
    const serial = this.#options.serials.serialOf(event);
    let poolSerial = this.#poolSerials.get(event);
    if (poolSerial === undefined) {
      poolSerial = this.#nextPoolSerial++;
      this.#poolSerials.set(event, poolSerial);
    }
    return this.#overflowed(this.#buffer.push({ event, serial, poolSerial }));
  }

  /** Puts an event back at the head (rejected, or its listener died); returns the log lines. */
  rebuffer(item: PooledEvent): PoolLog[] {
    const logs: PoolLog[] = [{
      level: "DEBG",
      message:
        `rebuffering event ${item.serial} for pool ${this.name} (buf size=${this.#buffer.size}, max=${this.#options.bufferSize})`,
    }];
    logs.push(...this.#overflowed(this.#buffer.unshift(item)));
    return logs;
  }

  /** The oldest event, left in place. */
  peek(): PooledEvent | undefined {
    return this.#buffer.peek();
  }

  /** Removes and returns the oldest event. */
  take(): PooledEvent | undefined {
    return this.#buffer.shift();
  }

  /** The text to write to a listener's stdin for an event of this pool. */
  envelopeOf(item: PooledEvent): string {
    return envelope({
      server: this.#options.server,
      serial: item.serial,
      pool: this.name,
      poolSerial: item.poolSerial,
      eventName: item.event.type,
    }, eventPayload(item.event));
  }

  /** The log line of an event a full buffer dropped (the oldest), if one was. */
  #overflowed(dropped: PooledEvent | undefined): PoolLog[] {
    if (dropped === undefined) return [];
    this.#overflows++;
    return [{
      level: "ERRO",
      message: `pool ${this.name} event buffer overflowed, discarding event ${dropped.serial}`,
    }];
  }
}
