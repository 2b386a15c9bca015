/** Ctrl-C as nested scopes: SIGINT aborts only the innermost open scope (a tail -f inside the shell). */

/** One open scope: its signal aborts on Ctrl-C; dispose it when the guarded work ends. */
export interface InterruptScope extends Disposable {
  /** Aborted when Ctrl-C arrives while this is the innermost scope. */
  readonly signal: AbortSignal;
}

/** Subscribes to the interrupt source; returns the unsubscribe function. */
export type InterruptSource = (onInterrupt: () => void) => () => void;

/** A stack of interrupt scopes over one source, subscribed only while a scope is open. */
export class InterruptStack {
  #source: InterruptSource;
  #scopes: AbortController[] = [];
  #unsubscribe: (() => void) | null = null;

  /** Builds the stack over a source (SIGINT in the real ctl, a function call in tests). */
  constructor(source: InterruptSource) {
    this.#source = source;
  }

  /** Opens a scope; Ctrl-C aborts it until a newer scope opens or it is disposed. */
  open(): InterruptScope {
    const controller = new AbortController();
    this.#scopes.push(controller);
    if (this.#unsubscribe === null) this.#unsubscribe = this.#source(() => this.#fire());
    return {
      signal: controller.signal,
      [Symbol.dispose]: () => {
        this.#scopes = this.#scopes.filter((c) => c !== controller);
        if (this.#scopes.length === 0 && this.#unsubscribe !== null) {
          this.#unsubscribe();
          this.#unsubscribe = null;
        }
      },
    };
  }

  #fire(): void {
    this.#scopes.at(-1)?.abort(new DOMException("interrupted", "AbortError"));
  }
}

/** SIGINT as an interrupt source (installing a listener stops Ctrl-C from ending the process). */
export function sigintSource(onInterrupt: () => void): () => void {
  Deno.addSignalListener("SIGINT", onInterrupt);
  return () => Deno.removeSignalListener("SIGINT", onInterrupt);
}

/** An interrupt source for tests: `fire()` plays Ctrl-C. */
export function manualInterrupts(): { source: InterruptSource; fire: () => void } {
  const listeners = new Set<() => void>();
  return {
    source: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    fire: () => {
      for (const fn of [...listeners]) fn();
    },
  };
}

/** Thrown by a line read when the user presses Ctrl-C. */
export class Interrupted extends Error {
  /** Builds the error. */
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}
