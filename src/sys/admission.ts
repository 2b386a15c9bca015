/**
 * Who gets a connection slot when the control port is under pressure (pure: the caller passes the
 * time). A connection is *incomplete* until the end of its first request's headers has arrived;
 * incomplete ones have a budget of their own inside the connection cap, so slow or silent clients
 * (slowloris) can never take the slots of clients that send a request at once:
 *
 * - a new connection is always admitted while the cap leaves room;
 * - when incomplete connections fill their budget, or the cap is reached, the oldest incomplete
 *   connection is evicted to make room for the new one;
 * - while incomplete connections hold more than half their budget, their header deadline shrinks
 *   from `headerTimeoutMs` to `pressureTimeoutMs`;
 * - only when every slot holds a working connection is a new one refused.
 */

/** The limits of one listener. */
export interface AdmissionLimits {
  /** Connections open at once, complete or not. */
  maxConnections: number;
  /** Incomplete connections open at once (at most `maxConnections`). */
  maxIncomplete: number;
  /** Time from accept to the end of the first request's headers. */
  headerTimeoutMs: number;
  /** That time while incomplete connections hold more than half their budget. */
  pressureTimeoutMs: number;
}

/** What to do with a new connection. */
export type Verdict<K> = { admit: true; evict: K[] } | { admit: false };

/**
 * The slot table of one listener, keyed by any connection handle.
 *
 * @example
 * ```ts
 * import { AdmissionTable } from "./admission.ts";
 * import assert from "node:assert/strict";
 * const limits = { maxConnections: 3, maxIncomplete: 2, headerTimeoutMs: 10_000, pressureTimeoutMs: 1000 };
 * const table = new AdmissionTable<string>(limits);
 * assert.deepEqual(table.arrive("slow1", 0), { admit: true, evict: [] });
 * assert.deepEqual(table.arrive("slow2", 1), { admit: true, evict: [] });
 * assert.deepEqual(table.arrive("client", 2), { admit: true, evict: ["slow1"] });
 * table.complete("client");
 * assert.equal(table.incomplete, 1);
 * ```
 */
export class AdmissionTable<K> {
  readonly #limits: AdmissionLimits;
  /** Incomplete connections by arrival time, oldest first (a Map keeps insertion order). */
  readonly #incomplete = new Map<K, number>();
  readonly #complete = new Set<K>();

  /** A table with `limits`. */
  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  /** Connections open now. */
  get open(): number {
    return this.#incomplete.size + this.#complete.size;
  }

  /** Incomplete connections open now. */
  get incomplete(): number {
    return this.#incomplete.size;
  }

  /** Whether incomplete connections hold more than half their budget (the short deadline). */
  get underPressure(): boolean {
    return this.#incomplete.size * 2 > this.#limits.maxIncomplete;
  }

  /** The header deadline that applies now. */
  get deadlineMs(): number {
    return this.underPressure ? this.#limits.pressureTimeoutMs : this.#limits.headerTimeoutMs;
  }

  /**
   * A connection arrived at `now`: admitted (after the listed ones are evicted) or refused. The
   * evicted ones are forgotten here; the caller closes them.
   */
  arrive(key: K, now: number): Verdict<K> {
    const evict = this.expired(now);
    const full = () =>
      this.open >= this.#limits.maxConnections ||
      this.#incomplete.size >= this.#limits.maxIncomplete;
    while (full() && this.#incomplete.size > 0) evict.push(this.#evictOldest());
    if (this.open >= this.#limits.maxConnections) return { admit: false };
    this.#incomplete.set(key, now);
    return { admit: true, evict };
  }

  /** The incomplete connections past the deadline that applies at `now`; forgotten here. */
  expired(now: number): K[] {
    const out: K[] = [];
    const deadline = this.deadlineMs;
    for (const [key, since] of this.#incomplete) {
      if (now - since < deadline) break; // the rest are younger
      this.#incomplete.delete(key);
      out.push(key);
    }
    return out;
  }

  /** The connection's first request headers have ended: it is a working client now. */
  complete(key: K): void {
    if (this.#incomplete.delete(key)) this.#complete.add(key);
  }

  /** The connection closed. */
  leave(key: K): void {
    this.#incomplete.delete(key);
    this.#complete.delete(key);
  }

  /** Removes and returns the oldest incomplete connection (the caller checked there is one). */
  #evictOldest(): K {
    const oldest = this.#incomplete.keys().next().value as K;
    this.#incomplete.delete(oldest);
    return oldest;
  }
}
