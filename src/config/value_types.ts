/** Supervisor's value types (`datatypes.py`): booleans, integers, byte sizes, octal, lists, names. */

import type { AutoRestart, LogLevelName } from "./model.ts";

/** A value that does not fit its type; `message` says why, without location. */
export class BadValue extends Error {
  /** Builds the error. */
  constructor(message: string) {
    super(message);
    this.name = "BadValue";
  }
}

const TRUTHY = ["yes", "true", "on", "1"];
const FALSY = ["no", "false", "off", "0"];

/** `yes true on 1` / `no false off 0`, case-insensitive. */
export function parseBoolean(text: string): boolean {
  const v = text.toLowerCase();
  if (TRUTHY.includes(v)) return true;
  if (FALSY.includes(v)) return false;
  throw new BadValue(`${q(text)} is not a boolean (use true/false, yes/no, on/off or 1/0)`);
}

/** Python's `int(text, base)`: surrounding blanks, a sign, digits with single underscores. */
export function pythonInt(text: string, base = 10): number | null {
  const t = text.trim();
  const digits = base === 8 ? "[0-7]" : "[0-9]";
  const prefix = base === 8 ? "(?:0[oO]_?)?" : "";
  const re = new RegExp(`^([+-]?)${prefix}(${digits}+(?:_${digits}+)*)$`);
  const m = re.exec(t);
  if (m === null) return null;
  const n = parseInt((m[2] ?? "").replaceAll("_", ""), base);
  return m[1] === "-" ? -n : n;
}

/** An integer, like Python's `int()`. */
export function parseInteger(text: string): number {
  const n = pythonInt(text);
  if (n === null) throw new BadValue(`cannot parse ${q(text)} as an integer`);
  return n;
}

const SIZE_SUFFIXES: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `<int>[kb|mb|gb]`, case-insensitive; a bare number means bytes. */
export function parseByteSize(text: string): number {
  const lower = text.toLowerCase();
  const suffix = lower.slice(-2);
  const multiplier = SIZE_SUFFIXES[suffix];
  const n = pythonInt(multiplier === undefined ? lower : lower.slice(0, -2));
  if (n === null) {
    throw new BadValue(
      `cannot parse ${q(text)} as a byte size (an integer with an optional KB, MB or GB suffix)`,
    );
  }
  return n * (multiplier ?? 1);
}

/** An octal number such as `022` or `0700`. */
export function parseOctal(text: string): number {
  const n = pythonInt(text, 8);
  if (n === null) throw new BadValue(`cannot parse ${q(text)} as an octal number`);
  return n;
}

/** A comma list of exit codes, each 0..255. */
export function parseExitcodes(text: string): number[] {
  if (text === "") return [];
  return text.split(",").map((part) => {
    const n = pythonInt(part);
    if (n === null) throw new BadValue(`cannot parse ${q(part)} in ${q(text)} as an exit code`);
    if (n < 0 || n > 255) throw new BadValue(`exit code ${n} in ${q(text)} is not within 0..255`);
    return n;
  });
}

/** `true`-ish, `false`-ish or `unexpected`. */
export function parseAutorestart(text: string): AutoRestart {
  const v = text.toLowerCase();
  if (TRUTHY.includes(v)) return "true";
  if (FALSY.includes(v)) return "false";
  if (v === "unexpected") return "unexpected";
  throw new BadValue(`${q(text)} is not one of true, false or unexpected`);
}

/** A comma list, each item trimmed; an empty value gives no items. */
export function parseListOfStrings(text: string): string[] {
  if (text === "") return [];
  return text.split(",").map((s) => s.trim());
}

/** A process or group name: trimmed, without space, `:` or `/`. */
export function parseName(text: string): string {
  const name = text.trim();
  for (const ch of [" ", ":", "/"]) {
    if (name.includes(ch)) {
      throw new BadValue(
        `invalid name ${q(name)}: it contains ${q(ch)} (names may not contain space, ":" or "/")`,
      );
    }
  }
  return name;
}

/** `host:port`, `:port`, `*:port` or `port`; the host is lower-cased, `*` and empty mean every interface. */
export function parseInetAddress(text: string): { host: string; port: number } {
  let host = "";
  let portText = text;
  const colon = text.lastIndexOf(":");
  if (colon >= 0) {
    host = text.slice(0, colon).toLowerCase();
    portText = text.slice(colon + 1);
    if (portText === "") throw new BadValue(`no port number in ${q(text)}`);
  }
  const port = pythonInt(portText);
  if (port === null) throw new BadValue(`cannot parse ${q(portText)} as a port number`);
  if (port < 1 || port > 65535) throw new BadValue(`port ${port} is not within 1..65535`);
  return { host: host === "*" ? "" : host, port };
}

const LEVELS: Record<string, LogLevelName> = {
  critical: "critical",
  error: "error",
  warn: "warn",
  info: "info",
  debug: "debug",
  trace: "trace",
  blather: "blather",
};

/** A log level name: critical error warn info debug trace blather (case-insensitive). */
export function parseLogLevel(text: string): LogLevelName {
  const level = LEVELS[text.toLowerCase()];
  if (level === undefined) {
    throw new BadValue(
      `${q(text)} is not a log level (critical, error, warn, info, debug, trace, blather)`,
    );
  }
  return level;
}

/** Quotes a value for a message. */
export function q(text: string): string {
  return JSON.stringify(text);
}
