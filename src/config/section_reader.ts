/** Reads one section's options: expansion with the names available there, typed parsing, located errors. */

import type { ConfigLocation } from "../core/errors.ts";
import type { ConfigFs } from "../core/ports.ts";
import { didYouMean } from "./did_you_mean.ts";
import type { IniOption } from "./ini_reader.ts";
import type { IniStore } from "./ini_store.ts";
import { type FormatValue, percentFormat, PercentFormatError } from "./percent_format.ts";
import type { Problems } from "./problems.ts";
import { BadValue, q } from "./value_types.ts";

/** Names a value may expand, e.g. `here`, `program_name`, `ENV_HOME`. */
export type Names = Readonly<Record<string, FormatValue>>;

/** Everything a section reader needs to know about the load in progress. */
export interface LoadContext {
  /** The merged sections. */
  store: IniStore;
  /** Where problems go. */
  problems: Problems;
  /** File-system facts. */
  fs: ConfigFs;
  /** The environment at start. */
  env: Readonly<Record<string, string>>;
  /** The working directory relative paths are resolved against. */
  cwd: string;
  /** `host_node_name`. */
  hostname: string;
  /** Absolute directory of the main config file (`here`). */
  here: string;
  /** `ENV_*` names: the environment at start, later plus `[supervisord] environment`. */
  envNames: Record<string, string>;
  /** How a file is shown in messages. */
  display(file: string): string;
}

/** Options of one expansion: names that exist elsewhere but not here (name -> why), and double expansion. */
export interface ExpandOptions {
  /** Names known in other options but not in this one, with the reason shown in the error. */
  unavailable?: Readonly<Record<string, string>>;
  /** Expand twice, as supervisor 4.2.5 does for `std*_logfile` and `[supervisord] environment`. */
  twice?: boolean;
}

/** One section's options, read with expansion and type checks; every failure is recorded, never thrown. */
export class SectionReader {
  /** The section name. */
  readonly section: string;
  /** The load in progress. */
  readonly ctx: LoadContext;

  /** Builds a reader for a section of the store. */
  constructor(ctx: LoadContext, section: string) {
    this.ctx = ctx;
    this.section = section;
  }

  /** The raw option (its own or from `[DEFAULT]`), or undefined. */
  option(name: string): IniOption | undefined {
    return this.ctx.store.get(this.section, name);
  }

  /** Whether the option is set (in the section or in `[DEFAULT]`). */
  has(name: string): boolean {
    return this.option(name) !== undefined;
  }

  /** The location of an option, or of the section header when the option is absent or not given. */
  loc(name?: string): ConfigLocation {
    const opt = name === undefined ? undefined : this.option(name);
    const origin = opt ?? this.ctx.store.origin(this.section);
    const loc: ConfigLocation = { section: this.section };
    if (origin !== undefined) {
      loc.file = this.ctx.display(origin.file);
      loc.line = origin.line;
    }
    if (name !== undefined) loc.option = name;
    return loc;
  }

  /** Records an error at an option (or at the header when `name` is undefined). */
  error(name: string | undefined, detail: string): void {
    this.ctx.problems.error(this.loc(name), detail);
  }

  /** Records a warning at an option (or at the header). */
  warn(name: string | undefined, detail: string): void {
    this.ctx.problems.warn(this.loc(name), detail);
  }

  /** The expanded text of an option, undefined when absent, null when expansion failed (recorded). */
  text(name: string, names: Names, options: ExpandOptions = {}): string | undefined | null {
    const opt = this.option(name);
    if (opt === undefined) return undefined;
    return this.expand(name, opt.value, names, options);
  }

  /** Expands a value as if it were written in option `name` (records failures, returns null). */
  expand(name: string, value: string, names: Names, options: ExpandOptions = {}): string | null {
    let once: string;
    try {
      once = percentFormat(value, names);
    } catch (e) {
      this.error(name, expansionProblem(e, value, names, options));
      return null;
    }
    if (options.twice !== true) return once;
    try {
      return percentFormat(once, names);
    } catch (e) {
      if (!(e instanceof PercentFormatError)) throw e;
      this.error(
        name,
        `${q(value)} expands to ${q(once)}, which supervisor 4.2.5 expands a second time in ` +
          `this option: ${e.message.replace(/; write %% for a literal %$/, "")}; ` +
          `write %%%% here for a literal %`,
      );
      return null;
    }
  }

  /** A typed option: the parsed value, `fallback` when absent or bad (a bad value is recorded). */
  typed<T>(
    name: string,
    fallback: T,
    names: Names,
    parse: (text: string) => T,
    options: ExpandOptions = {},
  ): T {
    const text = this.text(name, names, options);
    if (text === undefined || text === null) return fallback;
    return this.parse(name, text, fallback, parse);
  }

  /** A typed option that may be absent: null when absent, `fallback` when bad. */
  optional<T>(
    name: string,
    names: Names,
    parse: (text: string) => T,
    options: ExpandOptions = {},
  ): T | null {
    const text = this.text(name, names, options);
    if (text === undefined) return null;
    if (text === null) return null;
    return this.parse(name, text, null, parse);
  }

  /** Parses text with a value type, recording a BadValue as an error and returning `fallback`. */
  parse<T, F>(name: string, text: string, fallback: F, parse: (text: string) => T): T | F {
    try {
      return parse(text);
    } catch (e) {
      if (e instanceof BadValue) {
        this.error(name, e.message);
        return fallback;
      }
      throw e;
    }
  }
}

/** The message for a failed expansion: what is unknown, what is available, what was probably meant. */
function expansionProblem(
  e: unknown,
  value: string,
  names: Names,
  options: ExpandOptions,
): string {
  if (!(e instanceof PercentFormatError)) throw e;
  if (e.kind === "bad") return `cannot expand ${q(value)}: ${e.message}`;
  const parts = [`cannot expand ${q(value)}: ${e.message}`];
  for (const name of e.missing) {
    const why = options.unavailable?.[name];
    if (why !== undefined) {
      parts.push(why);
      continue;
    }
    if (name.startsWith("ENV_")) {
      parts.push(`the environment has no ${q(name.slice(4))}`);
      continue;
    }
    const guess = didYouMean(name, Object.keys(names));
    if (guess !== null) parts.push(`did you mean ${q(guess)}`);
  }
  const plain = Object.keys(names).filter((n) => !n.startsWith("ENV_")).sort();
  parts.push(`available names: ${[...plain, "ENV_<variable>"].join(", ")}`);
  return parts.join("; ");
}
