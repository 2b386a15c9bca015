/** Tab completion of the shell, as supervisorctl's `complete`: actions, then group or process names. */

/** The action names completion offers (supervisorctl's vocabulary). */
export const VOCABULARY: readonly string[] = [
  "add",
  "avail",
  "clear",
  "exit",
  "fg",
  "help",
  "maintail",
  "open",
  "pid",
  "quit",
  "reload",
  "remove",
  "reread",
  "restart",
  "shutdown",
  "signal",
  "start",
  "status",
  "stop",
  "tail",
  "update",
  "version",
];

const TAKES_GROUP = new Set(["add", "remove", "update"]);
const TAKES_PROCESS = new Set([
  "clear",
  "fg",
  "pid",
  "restart",
  "signal",
  "start",
  "status",
  "stop",
  "tail",
]);

/** A process as completion sees it. */
export interface NameInfo {
  /** Process name. */
  name: string;
  /** Group name. */
  group: string;
}

/**
 * The completions (each with a trailing space) of `word`, the word under the cursor, in `line`,
 * the text before the cursor. `names` is called only when names are needed.
 *
 * @example
 * ```ts
 * import { complete } from "./completion.ts";
 * import assert from "node:assert/strict";
 * const names = () => Promise.resolve([{ name: "web", group: "grp" }, { name: "cat", group: "cat" }]);
 * assert.deepEqual(await complete("sta", "sta", names), ["start ", "status "]);
 * assert.deepEqual(await complete("stop g", "g", names), ["grp:web ", "grp:* "]);
 * assert.deepEqual(await complete("add c", "c", names), ["cat "]);
 * ```
 */
export async function complete(
  line: string,
  word: string,
  names: () => Promise<readonly NameInfo[]>,
): Promise<string[]> {
  const actions = () => VOCABULARY.filter((a) => a.startsWith(word)).map((a) => a + " ");
  const parts = line.split(/\s+/).filter((w) => w !== "");
  if (parts.length === 0 || (parts.length === 1 && !/\s$/.test(line))) return actions();
  const action = parts[0]!;
  if (action === "help") return actions();
  if (TAKES_GROUP.has(action)) {
    const groups = [...new Set((await names()).map((i) => i.group))];
    return groups.filter((g) => g.startsWith(word)).map((g) => g + " ");
  }
  if (!TAKES_PROCESS.has(action)) return [];
  const specs: string[] = [];
  for (const info of await names()) {
    if (word.includes(":") || info.name !== info.group) {
      specs.push(`${info.group}:${info.name}`);
      if (!specs.includes(`${info.group}:*`)) specs.push(`${info.group}:*`);
    } else {
      specs.push(info.name);
    }
  }
  return specs.filter((s) => s.startsWith(word)).map((s) => s + " ");
}

/** The longest common prefix of some strings. */
export function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return "";
  let prefix = items[0]!;
  for (const item of items) {
    while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
