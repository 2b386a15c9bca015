/** The ConfigFs port on Deno: file reads, directory tests, globs, and passwd/group lookups. */

import type { ConfigFs, UserEntry } from "../core/ports.ts";

/** Builds the ConfigFs of this machine. */
export function denoConfigFs(): ConfigFs {
  return {
    readTextFile: (path) => Deno.readTextFileSync(path),
    isDirectory: (path) => statOrNull(path)?.isDirectory ?? false,
    exists: (path) => statOrNull(path) !== null,
    glob: (pattern) => globSync(pattern).sort(),
    lookupUser: (nameOrUid) => lookupUser(nameOrUid),
    lookupGroup: (nameOrGid) => lookupGroup(nameOrGid),
  };
}

function statOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.statSync(path);
  } catch {
    return null;
  }
}

/** Python-style glob of an absolute pattern: `*`, `?`, `[...]` per path segment; `*` skips dot files. */
export function globSync(pattern: string): string[] {
  const segments = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let paths = [pattern.startsWith("/") ? "/" : "."];
  for (const segment of segments.slice(pattern.startsWith("/") ? 1 : 0)) {
    const next: string[] = [];
    for (const base of paths) {
      const join = (name: string) => (base === "/" ? `/${name}` : `${base}/${name}`);
      if (!/[*?[]/.test(segment)) {
        if (statOrNull(join(segment)) !== null) next.push(join(segment));
        continue;
      }
      const re = segmentRegExp(segment);
      try {
        for (const entry of Deno.readDirSync(base)) {
          if (entry.name.startsWith(".") && !segment.startsWith(".")) continue;
          if (re.test(entry.name)) next.push(join(entry.name));
        }
      } catch {
        // not a directory, or unreadable: no matches below it
      }
    }
    paths = next;
  }
  return paths;
}

function segmentRegExp(segment: string): RegExp {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? "";
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith("!")) body = "^" + body.slice(1);
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}

function lookupUser(nameOrUid: string): UserEntry | null {
  const key = nameOrUid.trim();
  const numeric = /^[+-]?\d+$/.test(key);
  const match = (f: string[]) => (numeric ? Number(f[2]) === Number(key) : f[0] === key);
  const fields = findEntry("/etc/passwd", match) ?? getent("passwd", key, match);
  if (fields === null) return null;
  return {
    name: fields[0] ?? "",
    uid: Number(fields[2]),
    gid: Number(fields[3]),
    home: fields[5] ?? "/",
  };
}

function lookupGroup(nameOrGid: string): { name: string; gid: number } | null {
  const key = nameOrGid.trim();
  const numeric = /^[+-]?\d+$/.test(key);
  const match = (f: string[]) => (numeric ? Number(f[2]) === Number(key) : f[0] === key);
  const fields = findEntry("/etc/group", match) ?? getent("group", key, match);
  return fields === null ? null : { name: fields[0] ?? "", gid: Number(fields[2]) };
}

function findEntry(file: string, match: (fields: string[]) => boolean): string[] | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch {
    return null;
  }
  for (const line of text.split("\n")) {
    const fields = line.split(":");
    if (fields.length >= 4 && match(fields)) return fields;
  }
  return null;
}

/** Asks NSS through `getent` for users and groups not in the local files (LDAP, systemd-homed). */
function getent(db: string, key: string, match: (fields: string[]) => boolean): string[] | null {
  try {
    const out = new Deno.Command("getent", { args: [db, key], stdout: "piped", stderr: "null" })
      .outputSync();
    if (!out.success) return null;
    const fields = new TextDecoder().decode(out.stdout).trim().split(":");
    return fields.length >= 4 && match(fields) ? fields : null;
  } catch {
    return null;
  }
}
