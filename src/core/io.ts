/** The terminal a subcommand talks to: text out, text in, environment; faked in tests. */

/** What a subcommand may touch of its caller's terminal and environment. */
export interface Io {
  /** Writes text to standard output as is (no newline added). */
  out(text: string): void;
  /** Writes text to standard error as is (no newline added). */
  err(text: string): void;
  /** Reads one line from standard input (without its newline), or null at end of input. */
  readLine(prompt?: string): Promise<string | null>;
  /** Whether standard input is a terminal. */
  isTerminal: boolean;
  /** The caller's environment. */
  env: Readonly<Record<string, string>>;
  /** The caller's working directory. */
  cwd: string;
}

/** A subcommand: argv after the subcommand's name in, exit code out; it never ends the process. */
export type Subcommand = (argv: string[], io: Io) => Promise<number>;
