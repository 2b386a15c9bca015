/**
 * supervisorctl's Controller: one command line in, output and a sticky exit status out. It owns the
 * connection to the daemon (any ControlService), the connection check, and the error translation
 * every action shares.
 */

import { didYouMean } from "../config/did_you_mean.ts";
import { type FaultCode, SvisorError } from "../core/errors.ts";
import type { Io } from "../core/io.ts";
import type { ControlService } from "../protocol/control_service.ts";
import { faultRepr } from "../protocol/faults.ts";
import { API_VERSION } from "../protocol/versions.ts";
import { ACTIONS } from "./action_table.ts";
import {
  type CtlConnection,
  type CtlContext,
  type CtlSettings,
  EXIT,
  type LineInput,
} from "./ctl_context.ts";
import { AuthRequired, ServerUnreachable } from "./ctl_errors.ts";
import type { InterruptStack } from "./interrupts.ts";

/** What the controller needs from its surroundings. */
export interface ControllerDeps {
  /** The terminal. */
  io: Io;
  /** Opens a connection for the current settings (lazily; nothing connects before a call). */
  connect(settings: CtlSettings): CtlConnection;
  /** Where typed lines come from (the shell, prompts, fg). */
  input: LineInput;
  /** Ctrl-C scopes. */
  interrupts: InterruptStack;
}

/** The faults after which supervisorctl exits 7 (NOT_RUNNING): the process did not come up or is down. */
const NOT_RUNNING_FAULTS: ReadonlySet<FaultCode> = new Set([
  "SPAWN_ERROR",
  "ABNORMAL_TERMINATION",
  "NOT_RUNNING",
]);

/** The state of one ctl run: settings, connection, exit status. */
export class Controller implements CtlContext {
  /** Current settings (`open` changes the URL; a 401 in the shell changes the credentials). */
  readonly settings: CtlSettings;
  /** The sticky exit status: the last one set wins. */
  exitStatus: number = EXIT.SUCCESS;
  /** Where typed lines come from. */
  readonly input: LineInput;
  /** Ctrl-C scopes. */
  readonly interrupts: InterruptStack;
  /** Set by an action that prints JSON: plain messages then go to stderr. */
  jsonActive = false;
  #io: Io;
  #connect: (settings: CtlSettings) => CtlConnection;
  #connection: CtlConnection | null = null;
  #silenced = false;

  /** Builds a controller; nothing connects until an action calls the daemon. */
  constructor(settings: CtlSettings, deps: ControllerDeps) {
    this.settings = settings;
    this.#io = deps.io;
    this.#connect = deps.connect;
    this.input = deps.input;
    this.interrupts = deps.interrupts;
  }

  /** The daemon's control surface for the current settings. */
  service(): ControlService {
    this.#connection ??= this.#connect(this.settings);
    return this.#connection.service;
  }

  /** Drops the connection so the next call uses the current settings. */
  reconnect(): void {
    this.#connection?.close();
    this.#connection = null;
  }

  /** Closes the connection. */
  close(): void {
    this.reconnect();
  }

  /** Drops all later output (a command abandoned by Ctrl-C must not print after the shell ends). */
  silence(): void {
    this.#silenced = true;
  }

  /** Prints a line (supervisorctl's `output`); to stderr while an action prints JSON. */
  output(text: string): void {
    if (this.#silenced) return;
    if (this.jsonActive) this.#io.err(text + "\n");
    else this.#io.out(text + "\n");
  }

  /** Writes text to stdout as is. */
  write(text: string): void {
    if (!this.#silenced) this.#io.out(text);
  }

  /** Writes a line to stderr. */
  warn(text: string): void {
    if (!this.#silenced) this.#io.err(text + "\n");
  }

  /** Prints a value as JSON on stdout. */
  json(value: unknown): void {
    if (!this.#silenced) this.#io.out(JSON.stringify(value, null, 2) + "\n");
  }

  /** supervisorctl's `set_exitstatus_from_xmlrpc_fault`: SUCCESS and `ignored` change nothing. */
  setExitFromFault(status: FaultCode, ignored?: FaultCode): void {
    if (status === "SUCCESS" || status === ignored) return;
    this.exitStatus = NOT_RUNNING_FAULTS.has(status) ? EXIT.NOT_RUNNING : EXIT.GENERIC;
  }

  /** Checks the daemon answers with API 3.0; prints why not and returns false otherwise. */
  async upcheck(): Promise<boolean> {
    let api: string;
    try {
      api = await this.service().getAPIVersion();
    } catch (e) {
      if (e instanceof SvisorError && e.code === "UNKNOWN_METHOD") {
        this.output(
          "Sorry, supervisord responded but did not recognize the supervisor namespace commands " +
            "that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] " +
            "section is enabled in the configuration file (see sample.conf).",
        );
        this.exitStatus = EXIT.UNIMPLEMENTED_FEATURE;
        return false;
      }
      if (e instanceof ServerUnreachable && (e.code === "ENOENT" || e.code === "ECONNREFUSED")) {
        this.output(e.message);
        this.exitStatus = e.code === "ENOENT" ? EXIT.NOT_RUNNING : EXIT.INSUFFICIENT_PRIVILEGES;
        return false;
      }
      if (!(e instanceof AuthRequired)) this.exitStatus = EXIT.GENERIC;
      throw e;
    }
    if (api !== API_VERSION) {
      this.output(
        "Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, " +
          `but the remote version is ${api}.`,
      );
      this.exitStatus = EXIT.NOT_INSTALLED;
      return false;
    }
    return true;
  }

  /** Runs one command line; returns true when the shell should end (quit, exit, EOF). */
  async onecmd(line: string): Promise<boolean> {
    let text = line.trim();
    if (text === "") return false;
    if (text.startsWith("?")) text = `help ${text.slice(1)}`;
    const name = /^[A-Za-z0-9_]*/.exec(text)?.[0] ?? "";
    const arg = text.slice(name.length).trim();
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (name === "" || action === undefined) {
      this.output(`*** Unknown syntax: ${text}`);
      this.exitStatus = EXIT.GENERIC;
      const guess = name === ""
        ? null
        : didYouMean(name, Object.keys(ACTIONS).filter((a) => a !== "EOF"));
      if (guess !== null) this.warn(`(did you mean "${guess}"?)`);
      return false;
    }
    try {
      return (await action(this, arg)) === true;
    } catch (e) {
      return await this.#failed(e, text);
    } finally {
      this.jsonActive = false;
    }
  }

  async #failed(e: unknown, line: string): Promise<boolean> {
    if (e instanceof AuthRequired) {
      this.output("Server requires authentication");
      if (!this.settings.interactive) {
        this.exitStatus = EXIT.GENERIC;
        return false;
      }
      const username = await this.input.readLine("Username:");
      const password = username === null
        ? null
        : await this.input.readLine("Password:", { secret: true });
      this.output("");
      if (username === null || password === null) {
        this.exitStatus = EXIT.GENERIC;
        return false;
      }
      this.settings.username = username;
      this.settings.password = password;
      this.reconnect();
      return await this.onecmd(line);
    }
    this.exitStatus = EXIT.GENERIC;
    if (e instanceof ServerUnreachable) this.output(e.message);
    else if (e instanceof SvisorError) this.output(`error: ${faultRepr(e)}`);
    else this.output(`error: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
