/**
 * svisor's `vital` and `vital_exitcode` program options: a program the daemon cannot do without.
 * The daemon shuts down, exiting with `vital_exitcode`, when a vital process enters FATAL
 * (`vital=fatal` or `true`) or exits at all (`vital=exit`), and the health route needs it RUNNING.
 */

import { BadValue, parseBoolean, parseInteger } from "./value_types.ts";

/** The value of `vital=`: false (not vital), true/fatal, or exit; case-insensitive. */
export function parseVital(text: string): "fatal" | "exit" | false {
  const v = text.trim().toLowerCase();
  if (v === "fatal") return "fatal";
  if (v === "exit") return "exit";
  try {
    return parseBoolean(v) ? "fatal" : false;
  } catch {
    throw new BadValue(`${JSON.stringify(text)} is not one of false, true, fatal, exit`);
  }
}

/** The value of `vital_exitcode=`: an integer from 1 to 255 (0 would say all went well). */
export function parseVitalExitcode(text: string): number {
  const n = parseInteger(text);
  if (n < 1 || n > 255) throw new BadValue(`${n} is not an exit status from 1 to 255`);
  return n;
}
