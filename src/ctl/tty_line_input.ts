/**
 * Line input on a real terminal: raw mode only while a line is read, the pure line editor, history
 * (loaded from and saved to a file) and Tab completion. Off a terminal, plainLineInput reads lines.
 */

import type { Io } from "../core/io.ts";
import { commonPrefix } from "./completion.ts";
import type { LineInput } from "./ctl_context.ts";
import { Interrupted } from "./interrupts.ts";
import {
  applyKey,
  decodeKeys,
  type EditState,
  emptyState,
  insertCompletion,
  wordBeforeCursor,
} from "./line_editor.ts";

/** Completes the word before the cursor: `line` is the text before the cursor. */
export type Completer = (line: string, word: string) => Promise<string[]>;

/** Options of the terminal line input. */
export interface TtyLineInputOptions {
  /** The history file (read at start, written by `save`), or null. */
  historyFile: string | null;
  /** Tab completion, used by reads that ask for it. */
  completer?: Completer;
}

/** A LineInput with history, completion and a `save` of the history. */
export interface TtyLineInput extends LineInput {
  /** Reads a shell command line (history and completion on). */
  readCommand(prompt: string): Promise<string | null>;
  /** Writes the history file, if any. */
  save(): void;
}

const HISTORY_LIMIT = 1000;
const encoder = new TextEncoder();

/** Builds the terminal line input (stdin and stdout must be a terminal). */
export function ttyLineInput(options: TtyLineInputOptions): TtyLineInput {
  const history = loadHistory(options.historyFile);
  let pending = "";
  const decoder = new TextDecoder();
  const write = (text: string) => {
    let bytes = encoder.encode(text);
    while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
  };

  async function read(
    prompt: string,
    mode: { secret: boolean; history: boolean; complete: boolean },
  ): Promise<string | null> {
    const s: EditState = emptyState(mode.history ? history.length : 0);
    const hist = mode.history ? history : [];
    const draw = () => {
      if (mode.secret) return;
      const back = s.text.length - s.cursor;
      write(`\r${prompt}${s.text}\x1b[K${back > 0 ? `\x1b[${back}D` : ""}`);
    };
    write(prompt);
    Deno.stdin.setRaw(true);
    try {
      const buf = new Uint8Array(1024);
      while (true) {
        const { keys, raw, rest } = decodeKeys(pending);
        pending = rest;
        for (const [at, key] of keys.entries()) {
          const outcome = applyKey(s, key, hist);
          const later = () => raw.slice(at + 1).join("") + rest;
          if (outcome === "accept") {
            write("\r\n");
            pending = later();
            if (mode.history && s.text.trim() !== "" && history.at(-1) !== s.text) {
              history.push(s.text);
            }
            return s.text;
          }
          if (outcome === "eof") {
            pending = later();
            return null;
          }
          if (outcome === "interrupt") {
            write("^C\r\n");
            pending = "";
            throw new Interrupted();
          }
          if (outcome === "clear") write("\x1b[H\x1b[2J");
          if (outcome === "complete" && mode.complete && options.completer !== undefined) {
            const matches = await options.completer(s.text.slice(0, s.cursor), wordBeforeCursor(s));
            const prefix = commonPrefix(matches);
            if (matches.length === 1 || prefix.length > wordBeforeCursor(s).length) {
              insertCompletion(s, matches.length === 1 ? matches[0]! : prefix);
            } else if (matches.length > 1) {
              write("\r\n" + matches.map((m) => m.trimEnd()).join("  ") + "\r\n");
            }
          }
          draw();
        }
        const n = await Deno.stdin.read(buf);
        if (n === null) return null;
        pending += decoder.decode(buf.subarray(0, n), { stream: true });
      }
    } finally {
      Deno.stdin.setRaw(false);
    }
  }

  return {
    readLine: (prompt, opts) =>
      read(prompt, { secret: opts?.secret === true, history: false, complete: false }),
    readCommand: (prompt) => read(prompt, { secret: false, history: true, complete: true }),
    save: () => {
      if (options.historyFile === null) return;
      try {
        const lines = history.slice(-HISTORY_LIMIT);
        Deno.writeTextFileSync(options.historyFile, lines.map((l) => l + "\n").join(""));
      } catch {
        // supervisorctl ignores history write errors too
      }
    },
  };
}

function loadHistory(file: string | null): string[] {
  if (file === null) return [];
  try {
    return Deno.readTextFileSync(file).split("\n").filter((l) =>
      l !== "" && !l.startsWith("_HiStOrY_V2_")
    );
  } catch {
    return [];
  }
}

/** Line input off a terminal: Io's readLine, abandoned (as Interrupted) when the signal aborts. */
export function plainLineInput(io: Io): LineInput {
  return {
    readLine: (prompt, options) => {
      const signal = options?.signal;
      if (signal === undefined) return io.readLine(prompt);
      if (signal.aborted) return Promise.reject(new Interrupted());
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Interrupted());
        signal.addEventListener("abort", onAbort, { once: true });
        io.readLine(prompt).then(
          (line) => {
            signal.removeEventListener("abort", onAbort);
            resolve(line);
          },
          (e) => {
            signal.removeEventListener("abort", onAbort);
            reject(e);
          },
        );
      });
    },
  };
}
