/** Merges parsed files into one set of sections, like ConfigParser reading several files into one parser. */

import type { IniFile, IniOption } from "./ini_reader.ts";

/** Where a section was first declared. */
export interface SectionOrigin {
  /** The file of the first `[name]` header. */
  file: string;
  /** Its 1-based line. */
  line: number;
}

/**
 * Sections merged across files: a repeated section merges into the first (a later key wins),
 * `[DEFAULT]` keys show through in every section, sections keep the order of first appearance.
 */
export class IniStore {
  #sections = new Map<string, Map<string, IniOption>>();
  #origins = new Map<string, SectionOrigin>();
  #defaults = new Map<string, IniOption>();
  #defaultOrigin: SectionOrigin | null = null;

  /** Merges one parsed file. */
  add(file: IniFile): void {
    for (const chunk of file.chunks) {
      let target: Map<string, IniOption>;
      if (chunk.name === "DEFAULT") {
        target = this.#defaults;
        this.#defaultOrigin ??= { file: chunk.file, line: chunk.line };
      } else {
        const existing = this.#sections.get(chunk.name);
        if (existing === undefined) {
          target = new Map();
          this.#sections.set(chunk.name, target);
          this.#origins.set(chunk.name, { file: chunk.file, line: chunk.line });
        } else {
          target = existing;
        }
      }
      for (const option of chunk.options) target.set(option.name, option);
    }
  }

  /** Section names in order of first appearance (without `DEFAULT`). */
  sections(): string[] {
    return [...this.#sections.keys()];
  }

  /** Whether a section exists. */
  has(section: string): boolean {
    return this.#sections.has(section);
  }

  /** Where a section was first declared (`DEFAULT` included), or undefined. */
  origin(section: string): SectionOrigin | undefined {
    if (section === "DEFAULT") return this.#defaultOrigin ?? undefined;
    return this.#origins.get(section);
  }

  /** An option of a section, falling back to `[DEFAULT]`; undefined when neither has it. */
  get(section: string, option: string): IniOption | undefined {
    return this.#sections.get(section)?.get(option) ?? this.#defaults.get(option);
  }

  /** The options written in the section itself (not those from `[DEFAULT]`). */
  own(section: string): IniOption[] {
    if (section === "DEFAULT") return [...this.#defaults.values()];
    return [...(this.#sections.get(section)?.values() ?? [])];
  }

  /** Every option a section sees: its own, then `[DEFAULT]` keys it does not override. */
  all(section: string): IniOption[] {
    const own = this.#sections.get(section) ?? new Map<string, IniOption>();
    return [...own.values(), ...[...this.#defaults.values()].filter((o) => !own.has(o.name))];
  }

  /** Rewrites an option's value in place (used for supervisor's textual `%(here)s` pass). */
  replace(section: string, option: IniOption, value: string): void {
    const target = this.#sections.get(section);
    if (target === undefined) return;
    target.set(option.name, { ...option, value });
  }
}
