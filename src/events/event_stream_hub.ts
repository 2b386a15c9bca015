/**
 * The event stream's memory: every supervisor event as a StreamEvent with its stream serial, a
 * bounded history for resuming, and subscribers with bounded queues (one that falls behind is told
 * so and dropped; the daemon never waits for a subscriber).
 */

import {
  type StreamEvent,
  type StreamFrame,
  SUBSCRIBER_QUEUE_LIMIT,
} from "../protocol/event_stream.ts";
import type { EventBus } from "./event_bus.ts";
import { EventQueue } from "./event_queue.ts";
import { isEventTypeName, isSubtype } from "./event_types.ts";
import { eventPayload, type SupervisorEvent } from "./supervisor_event.ts";

/** Which events a subscriber wants. */
export interface StreamFilter {
  /** Type names (supervisor's, abstract ones included); empty: every type. */
  types: string[];
  /** `group:process` globs (`*`, `?`); a bare `group` means `group:*`; empty: every name. */
  names: string[];
}

/** Options of a subscription. */
export interface SubscribeOptions {
  /** Resume after this id (Last-Event-ID); null: only new events. */
  after: number | null;
  /** The filter. */
  filter: StreamFilter;
  /** Queue limit (default SUBSCRIBER_QUEUE_LIMIT). */
  queueLimit?: number;
  /** false: only the history, then the subscription ends (default true: then live events). */
  live?: boolean;
}

/** A subscriber's frames: `next()` resolves with the next one, or null once the stream ended. */
export interface StreamSubscription {
  /** The next frame, or null when closed (by `close()`, or after a `dropped` frame). */
  next(): Promise<StreamFrame | null>;
  /** The frames already queued, without waiting (so a writer can send them in one chunk). */
  drain(): StreamFrame[];
  /** Ends the subscription. */
  close(): void;
}

/**
 * An event as the hub keeps it: its StreamEvent is built on first need (a subscriber or a
 * resume), once, and shared by every subscriber, so a busy daemon nobody follows builds none.
 */
class Entry {
  readonly id: number;
  readonly time: number;
  readonly name: string | null;
  readonly #event: SupervisorEvent;
  #record: StreamEvent | null = null;

  constructor(id: number, time: number, event: SupervisorEvent) {
    this.id = id;
    this.time = time;
    this.#event = event;
    this.name = nameOf(event);
  }

  get type(): string {
    return this.#event.type;
  }

  get record(): StreamEvent {
    if (this.#record !== null) return this.#record;
    const payload = eventPayload(this.#event);
    this.#record = {
      id: this.id,
      type: this.#event.type,
      time: this.time,
      name: this.name,
      fields: fieldsOf(payload),
      payload,
    };
    return this.#record;
  }
}

/**
 * Holds the history and the subscribers; `attach(bus)` feeds it from an engine's bus (one per
 * daemon life, so a restart keeps the history and the serials).
 *
 * @example
 * ```ts
 * import { EventBus } from "./event_bus.ts";
 * import { EventStreamHub } from "./event_stream_hub.ts";
 * import assert from "node:assert/strict";
 * const hub = new EventStreamHub({ history: 2, now: () => 0 });
 * const bus = new EventBus();
 * hub.attach(bus);
 * for (const g of ["a", "b", "c"]) bus.publish({ type: "PROCESS_GROUP_ADDED", groupName: g });
 * const sub = hub.subscribe({ after: 0, filter: { types: [], names: [] } });
 * assert.deepEqual(await sub.next(), { kind: "gap", from: 1, to: 1 });
 * assert.equal((await sub.next())?.kind, "event");
 * sub.close();
 * ```
 */
export class EventStreamHub {
  readonly #history: EventQueue<Entry>;
  readonly #size: number;
  readonly #now: () => number;
  readonly #subscribers = new Set<Subscriber>();
  #lastId = 0;

  /** An empty hub keeping `history` events. */
  constructor(options: { history: number; now: () => number }) {
    this.#size = Math.max(0, options.history);
    this.#history = new EventQueue(this.#size);
    this.#now = options.now;
  }

  /** The id of the newest event (0 before any). */
  get lastId(): number {
    return this.#lastId;
  }

  /** Subscribers now connected. */
  get subscribers(): number {
    return this.#subscribers.size;
  }

  /**
   * Records every supervisor event of `bus`, and svisor's PROCESS_READINESS and PROCESS_HEALTH
   * (outside supervisor's tree, so listeners never get them, but the stream does); returns the
   * function that detaches it.
   */
  attach(bus: EventBus): () => void {
    const offs = (["EVENT", "PROCESS_READINESS", "PROCESS_HEALTH"] as const).map((type) =>
      bus.subscribe(type, (e) => this.#record(e))
    );
    return () => offs.forEach((off) => off());
  }

  /** A new subscriber: the history after `after` first (a gap frame for what fell out), then live events. */
  subscribe(options: SubscribeOptions): StreamSubscription {
    const live = options.live ?? true;
    // A history-only subscription holds the whole history however long it is.
    const limit = live ? options.queueLimit ?? SUBSCRIBER_QUEUE_LIMIT : this.#size + 1;
    const sub = new Subscriber(options.filter, limit, () => this.#subscribers.delete(sub));
    const after = options.after;
    if (after !== null && after < this.#lastId) {
      const oldest = this.#history.peek()?.id ?? this.#lastId + 1;
      if (after + 1 < oldest) sub.offer({ kind: "gap", from: after + 1, to: oldest - 1 });
      for (const e of this.#history) if (e.id > after) sub.offerEvent(e);
    }
    if (!live) sub.end();
    else this.#subscribers.add(sub);
    return sub;
  }

  #record(event: SupervisorEvent): void {
    const entry = new Entry(++this.#lastId, this.#now(), event);
    if (this.#size > 0) this.#history.push(entry);
    for (const sub of [...this.#subscribers]) sub.offerEvent(entry);
  }
}

class Subscriber implements StreamSubscription {
  readonly #filter: StreamFilter;
  readonly #limit: number;
  readonly #onClose: () => void;
  readonly #queue: EventQueue<StreamFrame>;
  #waiter: ((f: StreamFrame | null) => void) | null = null;
  #closed = false;
  #ending = false;

  constructor(filter: StreamFilter, limit: number, onClose: () => void) {
    this.#filter = filter;
    this.#limit = limit;
    this.#onClose = onClose;
    // One more than the limit: room for the `dropped` frame that replaces a full queue.
    this.#queue = new EventQueue(limit + 1);
  }

  offerEvent(e: Entry): void {
    if (this.#closed || this.#ending) return;
    if (matchesEntry(e.type, e.name, this.#filter)) this.offer({ kind: "event", event: e.record });
  }

  offer(frame: StreamFrame): void {
    if (this.#closed || this.#ending) return;
    if (this.#waiter !== null) {
      const w = this.#waiter;
      this.#waiter = null;
      w(frame);
      return;
    }
    if (this.#queue.size >= this.#limit) {
      this.#queue.clear();
      this.#queue.push({
        kind: "dropped",
        reason: `fell more than ${this.#limit} events behind`,
      });
      this.#ending = true;
      this.#onClose();
      return;
    }
    this.#queue.push(frame);
  }

  /** No more frames after the queued ones. */
  end(): void {
    this.#ending = true;
  }

  next(): Promise<StreamFrame | null> {
    const frame = this.#queue.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    if (this.#closed || this.#ending) return Promise.resolve(null);
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  drain(): StreamFrame[] {
    const frames: StreamFrame[] = [];
    for (let f = this.#queue.shift(); f !== undefined; f = this.#queue.shift()) frames.push(f);
    return frames;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.clear();
    this.#onClose();
    const w = this.#waiter;
    this.#waiter = null;
    w?.(null);
  }
}

/** Whether an event passes a filter. */
export function matches(e: StreamEvent, filter: StreamFilter): boolean {
  return matchesEntry(e.type, e.name, filter);
}

function matchesEntry(type: string, name: string | null, filter: StreamFilter): boolean {
  if (filter.types.length > 0) {
    if (!isEventTypeName(type)) return false;
    if (!filter.types.some((t) => isEventTypeName(t) && isSubtype(type, t))) return false;
  }
  if (filter.names.length === 0) return true;
  if (name === null) return false;
  return filter.names.some((glob) =>
    globMatch(glob.includes(":") ? glob : `${glob}:*`, name) ||
    globMatch(glob, name)
  );
}

function globMatch(glob: string, text: string): boolean {
  const re = new RegExp(
    "^" + glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".") +
      "$",
  );
  return re.test(text);
}

function nameOf(e: SupervisorEvent): string | null {
  if ("processName" in e) return `${e.groupName}:${e.processName}`;
  if ("groupName" in e) return e.groupName;
  return null;
}

function fieldsOf(payload: string): Record<string, string> {
  const out: Record<string, string> = {};
  const head = payload.split("\n", 1)[0] ?? "";
  for (const token of head.split(" ")) {
    const at = token.indexOf(":");
    if (at > 0) out[token.slice(0, at)] = token.slice(at + 1);
  }
  return out;
}
