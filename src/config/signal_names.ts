/** Signal names and numbers as supervisor accepts them for `stopsignal` (Linux numbering). */

import { BadValue, q } from "./value_types.ts";

/** Linux signal numbers by name without `SIG`; the first name of a number is its canonical one. */
export const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  POLL: 29,
  PWR: 30,
  SYS: 31,
  RTMIN: 34,
  RTMAX: 64,
};

/**
 * A signal as a number or a name with or without `SIG`, case-insensitive; returns the canonical
 * name without `SIG` (`"15"`, `"sigterm"` and `"TERM"` all give `"TERM"`).
 *
 * @example
 * ```ts
 * import { parseSignal } from "./signal_names.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseSignal("sigquit"), "QUIT");
 * assert.equal(parseSignal("9"), "KILL");
 * ```
 */
export function parseSignal(text: string): string {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    const name = Object.entries(SIGNALS).find(([, num]) => num === n)?.[0];
    if (name === undefined) throw new BadValue(`${q(text)} is not a valid signal number`);
    return name;
  }
  let name = trimmed.toUpperCase();
  if (name.startsWith("SIG")) name = name.slice(3);
  const num = SIGNALS[name];
  if (num === undefined) {
    throw new BadValue(
      `${q(text)} is not a valid signal name (e.g. TERM, INT, QUIT, HUP, KILL, USR1)`,
    );
  }
  return Object.entries(SIGNALS).find(([, n]) => n === num)?.[0] ?? name;
}
