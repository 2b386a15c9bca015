/** Reads the main config file and the files its `[include]` pulls in, into one IniStore. */

import { posix } from "node:path";
import { parseIni } from "./ini_reader.ts";
import type { LoadContext } from "./section_reader.ts";
import { SectionReader } from "./section_reader.ts";
import { q } from "./value_types.ts";

const HERE = "%(here)s";

/**
 * Reads one file into the store, recording syntax errors; returns false (recorded) when it cannot
 * be read. `required` files that are missing are errors; included ones only warnings, like
 * ConfigParser's `read()`, which skips files it cannot open.
 */
export function readFileInto(ctx: LoadContext, file: string, required: boolean): boolean {
  let text: string;
  try {
    text = ctx.fs.readTextFile(file);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (required) {
      ctx.problems.error({ file: ctx.display(file) }, `could not read config file: ${why}`);
    } else {ctx.problems.warn(
        { file: ctx.display(file) },
        `could not read included file, skipped: ${why}`,
      );}
    return false;
  }
  const parsed = parseIni(text, file);
  for (const e of parsed.errors) {
    ctx.problems.error({ file: ctx.display(e.file), line: e.line }, e.detail);
  }
  ctx.store.add(parsed);
  return true;
}

/**
 * Follows `[include] files` of the main file like supervisord 4.2.5: whitespace-separated globs
 * relative to the main file's directory, matches read in sorted order, `%(here)s` replaced by each
 * file's directory. Includes do not nest: an `[include]` inside an included file is not followed
 * (a warning says so). Returns the files read, main first.
 */
export function readIncludes(ctx: LoadContext, main: string): string[] {
  const files = [main];
  if (!ctx.store.has("include")) return files;
  replaceHere(ctx, main);
  const r = new SectionReader(ctx, "include");
  if (!r.has("files")) {
    r.error(undefined, `.ini file has [include] section, but no files setting`);
    return files;
  }
  const names = { ...ctx.envNames, here: ctx.here, host_node_name: ctx.hostname };
  const text = r.text("files", names);
  if (typeof text !== "string") return files;
  const includeOrigin = ctx.store.origin("include");
  // Located now: an included file's own [include] would replace the option in the store.
  const filesLoc = r.loc("files");
  for (const pattern of text.split(/\s+/).filter((p) => p !== "")) {
    const absolute = posix.join(posix.dirname(main), pattern);
    const matches = pattern.startsWith("/") ? ctx.fs.glob(pattern) : ctx.fs.glob(absolute);
    const shown = pattern.startsWith("/") ? pattern : absolute;
    if (matches.length === 0) {
      ctx.problems.warn(filesLoc, `No file matches via include ${q(shown)}`);
      continue;
    }
    for (const file of [...matches].sort()) {
      ctx.problems.info(`Included extra file "${file}" during parsing`);
      if (file === main) {
        ctx.problems.warn(
          filesLoc,
          `${q(shown)} matches the main config file itself, which is read again`,
        );
      }
      if (!readFileInto(ctx, file, false)) continue;
      files.push(file);
      replaceHere(ctx, file);
      const nested = ctx.store.own("include").find((o) => o.file === file);
      if (nested !== undefined && file !== main) {
        ctx.problems.warn(
          { file: ctx.display(file), line: nested.line, section: "include", option: nested.name },
          `includes do not nest: only the main file's [include] is followed` +
            (includeOrigin === undefined
              ? ""
              : ` (${ctx.display(includeOrigin.file)}:${includeOrigin.line})`),
        );
      }
    }
  }
  return files;
}

/** supervisor's textual `%(here)s` pass: values written in `file` get that file's directory. */
function replaceHere(ctx: LoadContext, file: string): void {
  const dir = posix.dirname(file);
  for (const section of ctx.store.sections()) {
    for (const option of ctx.store.own(section)) {
      if (option.file === file && option.value.includes(HERE)) {
        ctx.store.replace(section, option, option.value.replaceAll(HERE, dir));
      }
    }
  }
}
