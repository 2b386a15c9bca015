/** A typed, synchronous event bus (an instance, never a global): subscribe by type, subtypes included. */

import { EVENT_PARENTS, type EventTypeName } from "./event_types.ts";
import type { EventOf, SupervisorEvent } from "./supervisor_event.ts";

/** A subscriber callback. */
export type Listener<T extends EventTypeName> = (event: EventOf<T>) => void;

/** Options of an EventBus. */
export interface EventBusOptions {
  /** Called when a listener throws (the other listeners still run); default: console.error. */
  onError?: (error: unknown, event: SupervisorEvent) => void;
}

/**
 * Delivers each published event, synchronously and in subscription order, to the subscribers of
 * its type and of every ancestor type (PROCESS_STATE_RUNNING reaches PROCESS_STATE and EVENT).
 *
 * @example
 * ```ts
 * import { EventBus } from "./event_bus.ts";
 * import assert from "node:assert/strict";
 * const bus = new EventBus();
 * const seen: string[] = [];
 * const off = bus.subscribe("PROCESS_GROUP", (e) => seen.push(`${e.type} ${e.groupName}`));
 * bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: "web" });
 * off();
 * bus.publish({ type: "PROCESS_GROUP_REMOVED", groupName: "web" });
 * assert.deepEqual(seen, ["PROCESS_GROUP_ADDED web"]);
 * ```
 */
export class EventBus {
  readonly #listeners = new Map<EventTypeName, Set<(event: SupervisorEvent) => void>>();
  readonly #onError: (error: unknown, event: SupervisorEvent) => void;

  /** A bus with no subscribers. */
  constructor(options: EventBusOptions = {}) {
    this.#onError = options.onError ??
      ((error, event) => console.error(`event bus: listener for ${event.type} failed:`, error));
  }

  /** Subscribes to a type (and its subtypes); returns a function that unsubscribes. */
  subscribe<T extends EventTypeName>(type: T, listener: Listener<T>): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    const fn = listener as (event: SupervisorEvent) => void;
    set.add(fn);
    return () => this.unsubscribe(type, listener);
  }

  /** Removes a subscription (doing nothing when it is not there). */
  unsubscribe<T extends EventTypeName>(type: T, listener: Listener<T>): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    set.delete(listener as (event: SupervisorEvent) => void);
    if (set.size === 0) this.#listeners.delete(type);
  }

  /** Whether a publish of this type would reach anyone (to skip building costly events). */
  wants(type: EventTypeName): boolean {
    for (let t: EventTypeName | null = type; t !== null; t = EVENT_PARENTS[t]) {
      if (this.#listeners.has(t)) return true;
    }
    return false;
  }

  /** Delivers an event now to every matching subscriber. */
  publish(event: SupervisorEvent): void {
    for (let t: EventTypeName | null = event.type; t !== null; t = EVENT_PARENTS[t]) {
      const set = this.#listeners.get(t);
      if (set === undefined) continue;
      for (const fn of [...set]) {
        try {
          fn(event);
        } catch (error) {
          this.#onError(error, event);
        }
      }
    }
  }
}
