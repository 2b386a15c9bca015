/**
 * The leaf every ctl action imports: supervisorctl's exit codes, the settings and connection shapes,
 * and CtlContext, the part of the Controller an action may use (so actions never import the
 * controller, which imports them).
 */

import type { FaultCode } from "../core/errors.ts";
import type { ControlService } from "../protocol/control_service.ts";
import type { InterruptStack } from "./interrupts.ts";

/** supervisorctl's exit statuses (LSB init codes). */
export const EXIT = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** What ctl was told on its command line and in `[supervisorctl]`. */
export interface CtlSettings {
  /** `unix:///path` or `http://host:port`. */
  serverurl: string;
  /** Basic-auth user, or null. */
  username: string | null;
  /** Basic-auth password, or null. */
  password: string | null;
  /** The shell prompt without `> `. */
  prompt: string;
  /** The history file of the shell, or null. */
  historyFile: string | null;
  /** Interactive: reload and shutdown ask first, a 401 asks for credentials. */
  interactive: boolean;
  /** `--json`: machine-readable output where an action supports it. */
  json: boolean;
}

/** A live connection to a daemon. */
export interface CtlConnection {
  /** The control surface. */
  service: ControlService;
  /** Closes the connection. */
  close(): void;
}

/** Reads one line from the user. */
export interface LineInput {
  /** The line without its newline, or null at end of input; throws Interrupted on Ctrl-C. */
  readLine(
    prompt: string,
    options?: { secret?: boolean; signal?: AbortSignal },
  ): Promise<string | null>;
}

/** What an action may use of the controller. */
export interface CtlContext {
  /** Current settings (`open` changes the URL; a 401 in the shell changes the credentials). */
  readonly settings: CtlSettings;
  /** The sticky exit status: the last one set wins. */
  exitStatus: number;
  /** Where typed lines come from. */
  readonly input: LineInput;
  /** Ctrl-C scopes. */
  readonly interrupts: InterruptStack;
  /** Set by an action that prints JSON: plain messages then go to stderr. */
  jsonActive: boolean;
  /** The daemon's control surface for the current settings. */
  service(): ControlService;
  /** Drops the connection so the next call uses the current settings. */
  reconnect(): void;
  /** Prints a line (supervisorctl's `output`); to stderr while an action prints JSON. */
  output(text: string): void;
  /** Writes text to stdout as is. */
  write(text: string): void;
  /** Writes a line to stderr. */
  warn(text: string): void;
  /** Prints a value as JSON on stdout. */
  json(value: unknown): void;
  /** supervisorctl's `set_exitstatus_from_xmlrpc_fault`: SUCCESS and `ignored` change nothing. */
  setExitFromFault(status: FaultCode, ignored?: FaultCode): void;
  /** Checks the daemon answers with API 3.0; prints why not and returns false otherwise. */
  upcheck(): Promise<boolean>;
}
