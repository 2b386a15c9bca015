/** Warnings for unknown sections and options (supervisor ignores them silently), with "did you mean". */

import { didYouMean } from "./did_you_mean.ts";
import { KNOWN_OPTIONS, SECTION_NAMES, sectionKind } from "./known_options.ts";
import type { LoadContext } from "./section_reader.ts";
import { SectionReader } from "./section_reader.ts";
import { q } from "./value_types.ts";

const PLUGIN_FACTORIES = {
  rpcinterface: "supervisor.rpcinterface_factory",
  ctlplugin: "supervisor.ctl_factory",
} as const;
const MAIN_RPC_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";

/** Warns about every unknown section and option; `only` limits the check to some sections. */
export function warnUnknownNames(ctx: LoadContext, only?: (section: string) => boolean): void {
  const allKnown = new Set(Object.values(KNOWN_OPTIONS).flatMap((o) => o ?? []));
  for (const section of ctx.store.sections()) {
    if (only !== undefined && !only(section)) continue;
    const r = new SectionReader(ctx, section);
    const kind = sectionKind(section);
    if (kind === null) {
      r.warn(undefined, unknownSection(section));
      continue;
    }
    const known = KNOWN_OPTIONS[kind];
    if (known === null) continue;
    for (const option of ctx.store.own(section)) {
      if (known.includes(option.name)) continue;
      const guess = didYouMean(option.name, known);
      r.warn(
        option.name,
        `unknown option, ignored` + (guess === null ? "" : `; did you mean ${q(guess)}?`),
      );
    }
  }
  if (only !== undefined) return;
  const defaults = new SectionReader(ctx, "DEFAULT");
  for (const option of ctx.store.own("DEFAULT")) {
    if (allKnown.has(option.name)) continue;
    const guess = didYouMean(option.name, allKnown);
    defaults.warn(
      option.name,
      `no section reads this option, which [DEFAULT] adds to every section` +
        (guess === null ? "" : `; did you mean ${q(guess)}?`),
    );
  }
}

function unknownSection(section: string): string {
  const base = "unknown section, ignored";
  const colon = section.indexOf(":");
  if (colon < 0) {
    if (SECTION_NAMES.includes(section)) {
      return `${base}; a [${section}] section needs a name: [${section}:name]`;
    }
    const guess = didYouMean(section, SECTION_NAMES.slice(0, 5));
    return guess === null ? base : `${base}; did you mean [${guess}]?`;
  }
  const prefix = section.slice(0, colon);
  const guess = didYouMean(prefix, SECTION_NAMES.slice(5));
  if (guess === null) return base;
  const caseOnly = guess.toLowerCase() === prefix.toLowerCase();
  return `${base}; did you mean [${guess}${section.slice(colon)}]?` +
    (caseOnly ? " (section names are case-sensitive)" : "");
}

/**
 * Checks `[rpcinterface:x]` and (for ctl) `[ctlplugin:x]`: the factory key is required, like in
 * supervisor; svisor loads no Python, so each section gets a note, not a warning.
 */
export function notePlugins(ctx: LoadContext, kind: "rpcinterface" | "ctlplugin"): void {
  const key = PLUGIN_FACTORIES[kind];
  for (const section of ctx.store.sections().filter((s) => s.startsWith(`${kind}:`))) {
    const r = new SectionReader(ctx, section);
    const factory = r.option(key)?.value;
    if (factory === undefined) {
      r.error(undefined, `does not specify a ${key}`);
      continue;
    }
    const note = kind === "rpcinterface" && factory === MAIN_RPC_FACTORY
      ? "accepted: svisor serves supervisor's standard XML-RPC interface built in"
      : `accepted but not applicable: svisor does not load Python plugins, so ${
        q(factory)
      } is not used`;
    ctx.problems.info(note, r.loc());
  }
}
