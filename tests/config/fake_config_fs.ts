/** An in-memory ConfigFs for config tests: files by absolute path, directories implied by them. */

import { posix } from "node:path";
import type { ConfigFs, UserEntry } from "../../src/core/ports.ts";

/** Builds a ConfigFs over `files` (absolute path -> text); `dirs` adds empty directories. */
export function fakeConfigFs(
  files: Record<string, string>,
  options: { dirs?: string[]; users?: UserEntry[]; groups?: string[] } = {},
): ConfigFs {
  const dirs = new Set(["/", "/tmp", ...(options.dirs ?? [])]);
  for (const path of [...Object.keys(files), ...(options.dirs ?? [])]) {
    for (let d = posix.dirname(path); d !== "/"; d = posix.dirname(d)) dirs.add(d);
  }
  const users = options.users ?? [
    { name: "root", uid: 0, gid: 0, home: "/root" },
    { name: "www", uid: 33, gid: 33, home: "/var/www" },
  ];
  const groups = options.groups ?? ["root", "www"];
  return {
    readTextFile(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`No such file or directory: ${path}`);
      return text;
    },
    isDirectory: (path) => dirs.has(path),
    exists: (path) => path in files || dirs.has(path),
    glob(pattern) {
      const re = new RegExp(
        "^" + pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*") +
          "$",
      );
      return Object.keys(files).filter((f) => re.test(f)).sort();
    },
    lookupUser: (key) => users.find((u) => u.name === key || String(u.uid) === key.trim()) ?? null,
    lookupGroup: (key) => {
      const index = groups.indexOf(key);
      return index < 0 ? null : { name: key, gid: index };
    },
  };
}
