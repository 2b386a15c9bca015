/**
 * A small line editor, pure: keys in, a new buffer and what to do out. Emacs keys (Ctrl-A/E/B/F/
 * K/U/W/D), arrows, Home/End/Delete, history with Up/Down, Tab for completion. The terminal
 * driver (tty_line_input.ts) feeds it bytes and draws it.
 */

/** One decoded key. */
export type Key =
  | { kind: "char"; text: string }
  | {
    kind:
      | "enter"
      | "backspace"
      | "delete"
      | "left"
      | "right"
      | "home"
      | "end"
      | "up"
      | "down"
      | "tab"
      | "interrupt"
      | "eof"
      | "killEnd"
      | "killStart"
      | "killWord"
      | "clear"
      | "ignore";
  };

/**
 * Splits raw terminal input into keys; returns the keys, the text of each, and the start of an
 * incomplete escape sequence to keep for the next read.
 *
 * @example
 * ```ts
 * import { decodeKeys } from "./line_editor.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(decodeKeys("a\x1b[D\r").keys.map((k) => k.kind), ["char", "left", "enter"]);
 * ```
 */
export function decodeKeys(input: string): { keys: Key[]; raw: string[]; rest: string } {
  const keys: Key[] = [];
  const raw: string[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === "\x1b") {
      const after = input.slice(i + 1);
      const m = /^(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z]))/.exec(after);
      if (m === null) {
        if (/^(\[[0-9;]*|O)?$/.test(after)) return { keys, raw, rest: input.slice(i) };
        keys.push({ kind: "ignore" });
        raw.push(c);
        i++;
        continue;
      }
      keys.push(escapeKey(m[1] ?? "", m[2] ?? m[3] ?? ""));
      raw.push(c + m[0]);
      i += 1 + m[0].length;
      continue;
    }
    keys.push(controlKey(c));
    raw.push(c);
    i++;
  }
  return { keys, raw, rest: "" };
}

function escapeKey(params: string, final: string): Key {
  const byFinal: Record<string, Key["kind"]> = {
    A: "up",
    B: "down",
    C: "right",
    D: "left",
    H: "home",
    F: "end",
  };
  if (final === "~") {
    const byNumber: Record<string, Key["kind"]> = {
      "1": "home",
      "7": "home",
      "4": "end",
      "8": "end",
      "3": "delete",
    };
    return { kind: byNumber[params] ?? "ignore" } as Key;
  }
  return { kind: byFinal[final] ?? "ignore" } as Key;
}

function controlKey(c: string): Key {
  const byCode: Record<number, Key["kind"]> = {
    1: "home",
    2: "left",
    3: "interrupt",
    4: "eof",
    5: "end",
    6: "right",
    8: "backspace",
    9: "tab",
    10: "enter",
    11: "killEnd",
    12: "clear",
    13: "enter",
    14: "down",
    16: "up",
    21: "killStart",
    23: "killWord",
    127: "backspace",
  };
  const code = c.charCodeAt(0);
  const kind = byCode[code];
  if (kind !== undefined) return { kind } as Key;
  return code < 32 ? { kind: "ignore" } : { kind: "char", text: c };
}

/** The editor's state: the text, the cursor, and where Up/Down are in the history. */
export interface EditState {
  /** The line being edited. */
  text: string;
  /** Cursor position in `text`. */
  cursor: number;
  /** Index into the history while browsing it (history.length when not browsing). */
  historyAt: number;
  /** The line being typed before browsing started. */
  draft: string;
}

/** What the driver does after a key. */
export type EditOutcome = "redraw" | "accept" | "eof" | "interrupt" | "complete" | "clear";

/** A fresh state for a history of the given length. */
export function emptyState(historyLength: number): EditState {
  return { text: "", cursor: 0, historyAt: historyLength, draft: "" };
}

/**
 * Applies one key (other than Tab's completion, which the driver does) to the state.
 *
 * @example
 * ```ts
 * import { applyKey, emptyState } from "./line_editor.ts";
 * import assert from "node:assert/strict";
 * const s = emptyState(0);
 * applyKey(s, { kind: "char", text: "x" }, []);
 * applyKey(s, { kind: "home" }, []);
 * applyKey(s, { kind: "char", text: "a" }, []);
 * assert.equal(s.text, "ax");
 * ```
 */
export function applyKey(s: EditState, key: Key, history: readonly string[]): EditOutcome {
  switch (key.kind) {
    case "char":
      s.text = s.text.slice(0, s.cursor) + key.text + s.text.slice(s.cursor);
      s.cursor += key.text.length;
      return "redraw";
    case "enter":
      return "accept";
    case "interrupt":
      return "interrupt";
    case "eof":
      if (s.text === "") return "eof";
      s.text = s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1);
      return "redraw";
    case "backspace":
      if (s.cursor > 0) {
        s.text = s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor);
        s.cursor--;
      }
      return "redraw";
    case "delete":
      s.text = s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1);
      return "redraw";
    case "left":
      s.cursor = Math.max(0, s.cursor - 1);
      return "redraw";
    case "right":
      s.cursor = Math.min(s.text.length, s.cursor + 1);
      return "redraw";
    case "home":
      s.cursor = 0;
      return "redraw";
    case "end":
      s.cursor = s.text.length;
      return "redraw";
    case "killEnd":
      s.text = s.text.slice(0, s.cursor);
      return "redraw";
    case "killStart":
      s.text = s.text.slice(s.cursor);
      s.cursor = 0;
      return "redraw";
    case "killWord": {
      const before = s.text.slice(0, s.cursor).replace(/\S*\s*$/, "");
      s.text = before + s.text.slice(s.cursor);
      s.cursor = before.length;
      return "redraw";
    }
    case "up":
    case "down": {
      if (s.historyAt === history.length) s.draft = s.text;
      const at = key.kind === "up"
        ? Math.max(0, s.historyAt - 1)
        : Math.min(history.length, s.historyAt + 1);
      s.historyAt = at;
      s.text = at === history.length ? s.draft : history[at] ?? "";
      s.cursor = s.text.length;
      return "redraw";
    }
    case "tab":
      return "complete";
    case "clear":
      return "clear";
    case "ignore":
      return "redraw";
  }
}

/** The word under the cursor for completion: after the last space (`:`, `*`, `-` are word characters). */
export function wordBeforeCursor(s: EditState): string {
  return /\S*$/.exec(s.text.slice(0, s.cursor))?.[0] ?? "";
}

/** Inserts a completion: replaces the word before the cursor with `replacement`. */
export function insertCompletion(s: EditState, replacement: string): void {
  const word = wordBeforeCursor(s);
  const start = s.cursor - word.length;
  s.text = s.text.slice(0, start) + replacement + s.text.slice(s.cursor);
  s.cursor = start + replacement.length;
}
