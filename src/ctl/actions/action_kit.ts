/** What every ctl action shares: its signature, the no-argument check, `--json`, fault tests. */

import { type FaultCode, SvisorError } from "../../core/errors.ts";
import { type CtlContext, EXIT } from "../ctl_context.ts";
import { ACTION_HELP } from "../help_texts.ts";

/** An action: `do_<name>(arg)`; resolves true when the shell should end. */
export type Action = (ctl: CtlContext, arg: string) => Promise<boolean | void>;

/** Prints an action's help text (`help_<name>`). */
export function printHelp(ctl: CtlContext, name: string): void {
  const text = ACTION_HELP[name];
  if (text !== undefined) ctl.output(text);
}

/** For actions without arguments: prints `Error: <name> accepts no arguments` and the help; false then. */
export function acceptsNoArguments(ctl: CtlContext, name: string, arg: string): boolean {
  if (arg === "") return true;
  ctl.output(`Error: ${name} accepts no arguments`);
  ctl.exitStatus = EXIT.GENERIC;
  printHelp(ctl, name);
  return false;
}

/** Removes svisor's `--json` from an action's words; switches the controller to JSON output if set. */
export function takeJson(ctl: CtlContext, arg: string): string[] {
  const words = arg.split(/\s+/).filter((w) => w !== "");
  const rest = words.filter((w) => w !== "--json");
  ctl.jsonActive = ctl.settings.json || rest.length !== words.length;
  return rest;
}

/** Whether `e` is a fault with the given code name. */
export function isFault(e: unknown, code: FaultCode): e is SvisorError {
  return e instanceof SvisorError && e.code === code;
}

/** Python's `%r` of a string: single quotes unless the text holds one and no double quote. */
export function pyRepr(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t")
    .replace(/\r/g, "\\r");
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

/** Python's `int()` of a command-line word, or null when it is not an integer. */
export function pyInt(text: string): number | null {
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return null;
  return Number(text.trim().replace(/_/g, ""));
}

/** Splits an argument string into words as Python's `str.split()`. */
export function words(arg: string): string[] {
  return arg.split(/\s+/).filter((w) => w !== "");
}
