/** Builds the process groups: `[group:x]` sections first, then every program-type section not in one. */

import { didYouMean } from "./did_you_mean.ts";
import type { GroupConfig, ProgramKind } from "./model.ts";
import { readProgramSection } from "./program_section.ts";
import { type LoadContext, SectionReader } from "./section_reader.ts";
import { BadValue, parseInteger, parseListOfStrings, parseName, q } from "./value_types.ts";

const HOMOGENEOUS: readonly { prefix: string; kind: ProgramKind; priority: number }[] = [
  { prefix: "program:", kind: "program", priority: 999 },
  { prefix: "eventlistener:", kind: "eventlistener", priority: -1 },
  { prefix: "fcgi-program:", kind: "fcgi-program", priority: 999 },
];

/**
 * Every group, sorted by (priority, name) like supervisor; when two groups share a name only the
 * first in that order is kept (supervisord ignores the second), with a warning.
 */
export function readGroups(ctx: LoadContext, serverurl: string | null): GroupConfig[] {
  const sections = ctx.store.sections();
  const grouped = new Set<string>();
  const groups: GroupConfig[] = [];
  const origin = new Map<GroupConfig, string>();
  const names = { ...ctx.envNames, here: ctx.here };

  for (const section of sections.filter((s) => s.startsWith("group:"))) {
    const r = new SectionReader(ctx, section);
    const name = nameOf(r);
    const priority = r.typed("priority", 999, names, parseInteger);
    const programs = r.has("programs") ? parseListOfStrings(r.text("programs", names) ?? "") : [];
    if (!r.has("programs")) {
      r.warn(undefined, `[${section}] has no programs option, so the group is empty`);
    }
    const group: GroupConfig = { name: name ?? "", priority, explicit: true, processes: [] };
    const listed = new Set<string>();
    for (const program of programs) {
      const plain = `program:${program}`;
      const fcgi = `fcgi-program:${program}`;
      const hasPlain = ctx.store.has(plain);
      const hasFcgi = ctx.store.has(fcgi);
      if (!hasPlain && !hasFcgi) {
        const known = sections.filter((s) =>
          s.startsWith("program:") || s.startsWith("fcgi-program:")
        )
          .map((s) => s.slice(s.indexOf(":") + 1));
        const guess = didYouMean(program, known);
        r.error(
          "programs",
          `names unknown program or fcgi-program ${q(program)}` +
            (guess === null ? "" : `; did you mean ${q(guess)}`),
        );
        continue;
      }
      if (hasPlain && hasFcgi) {
        r.error("programs", `${q(program)} is ambiguous: both [${plain}] and [${fcgi}] exist`);
        continue;
      }
      if (listed.has(program)) {
        r.warn("programs", `${q(program)} is listed twice; its processes are added once`);
        continue;
      }
      listed.add(program);
      const section = hasPlain ? plain : fcgi;
      grouped.add(section);
      group.processes.push(
        ...readProgramSection(
          ctx,
          section,
          hasPlain ? "program" : "fcgi-program",
          group.name,
          serverurl,
        ),
      );
    }
    if (name !== null) {
      groups.push(group);
      origin.set(group, section);
    }
  }

  for (const { prefix, kind, priority: defaultPriority } of HOMOGENEOUS) {
    for (const section of sections.filter((s) => s.startsWith(prefix) && !grouped.has(s))) {
      const r = new SectionReader(ctx, section);
      const name = nameOf(r);
      if (name === null) continue;
      const priority = r.typed("priority", defaultPriority, names, parseInteger);
      const processes = readProgramSection(ctx, section, kind, name, serverurl);
      const group: GroupConfig = { name, priority, explicit: false, processes };
      groups.push(group);
      origin.set(group, section);
    }
  }

  groups.sort((a, b) =>
    a.priority !== b.priority
      ? a.priority - b.priority
      : a.name < b.name
      ? -1
      : a.name > b.name
      ? 1
      : 0
  );
  const kept: GroupConfig[] = [];
  for (const group of groups) {
    const first = kept.find((g) => g.name === group.name);
    if (first === undefined) {
      kept.push(group);
      continue;
    }
    const r = new SectionReader(ctx, origin.get(group) ?? "");
    r.warn(
      undefined,
      `group ${q(group.name)} is also defined by [${origin.get(first)}], which comes first by ` +
        `priority; supervisord keeps only that one, so [${origin.get(group)}] is ignored`,
    );
  }
  return kept;
}

/** The validated name after `kind:`, or null (recorded) when it has a space, `:` or `/`. */
function nameOf(r: SectionReader): string | null {
  try {
    return parseName(r.section.slice(r.section.indexOf(":") + 1));
  } catch (e) {
    if (!(e instanceof BadValue)) throw e;
    r.error(undefined, e.message);
    return null;
  }
}
