/** supervisor's global event serial: given to an event when the first listener pool takes it, shared by every pool. */

/**
 * Hands out global serials from 0, one per event object, on first ask (an event no pool takes
 * never gets one, as in supervisord, so listeners see serials without holes for their types).
 *
 * @example
 * ```ts
 * import { EventSerials } from "./event_serials.ts";
 * import assert from "node:assert/strict";
 * const serials = new EventSerials();
 * const a = {}, b = {};
 * assert.equal(serials.serialOf(a), 0);
 * assert.equal(serials.serialOf(b), 1);
 * assert.equal(serials.serialOf(a), 0);
 * ```
 */
export class EventSerials {
  #next = 0;
  readonly #of = new WeakMap<object, number>();

  /** The event's serial, assigned now if it has none. */
  serialOf(event: object): number {
    let serial = this.#of.get(event);
    if (serial === undefined) {
      serial = this.#next++;
      this.#of.set(event, serial);
    }
    return serial;
  }
}
