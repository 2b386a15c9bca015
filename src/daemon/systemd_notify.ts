/**
 * The daemon's side of systemd's `Type=notify`: READY=1 once the servers listen and the autostart
 * programs were started, STATUS= following the process counts, RELOADING=1 then READY=1 around a
 * SIGHUP, STOPPING=1 at shutdown, WATCHDOG=1 every half `$WATCHDOG_USEC` from the event loop (a
 * stuck daemon stops pinging), MAINPID when the daemon is not the process systemd started.
 */

import type { LogLevel } from "../core/ports.ts";
import type { EventBus } from "../events/event_bus.ts";
import {
  type NotifyFields,
  notifyMessage,
  statusSummary,
  watchdogPeriod,
} from "../protocol/sd_notify.ts";
import type { ProcessStateName } from "../protocol/states.ts";
import type { Libc } from "../sys/libc.ts";
import { openSdNotifier, type SdNotifier } from "../sys/sd_notifier.ts";

/** What the notifier needs from the daemon. */
export interface SystemdNotifyOptions {
  /** The daemon's environment (`NOTIFY_SOCKET`, `WATCHDOG_USEC`, `WATCHDOG_PID`). */
  env: Readonly<Record<string, string>>;
  /** libc, or null when FFI is not available (then a set `$NOTIFY_SOCKET` is logged and ignored). */
  libc: Libc | null;
  /** This process's pid. */
  pid: number;
  /** The daemon went to the background (systemd started another process): send MAINPID. */
  background: boolean;
  /** The activity log. */
  log: (level: LogLevel, message: string) => void;
}

/** The notifications of one daemon run; every method does nothing without `$NOTIFY_SOCKET`. */
export class SystemdNotify implements Disposable {
  readonly #notifier: SdNotifier | null;
  readonly #options: SystemdNotifyOptions;
  #watchdog: ReturnType<typeof setInterval> | null = null;
  #statusTimer: ReturnType<typeof setTimeout> | null = null;
  #lastStatus = "";
  #failing = false;

  /** Opens the socket named by `$NOTIFY_SOCKET` and starts the watchdog pings when asked for. */
  constructor(options: SystemdNotifyOptions) {
    this.#options = options;
    this.#notifier = this.#open();
    const period = watchdogPeriod(options.env, options.pid);
    if (this.#notifier !== null && period !== null) {
      this.#watchdog = setInterval(() => this.#send([["WATCHDOG", 1]]), period);
      options.log("INFO", `systemd watchdog: pinging every ${period} ms`);
    }
  }

  /** READY=1 with the current STATUS= (and MAINPID= in the background). */
  ready(states: Iterable<ProcessStateName>): void {
    this.#lastStatus = statusSummary(states);
    const fields: Array<[string, string | number]> = [["READY", 1], ["STATUS", this.#lastStatus]];
    if (this.#options.background) fields.push(["MAINPID", this.#options.pid]);
    this.#send(fields);
  }

  /** RELOADING=1 with MONOTONIC_USEC, as systemd's `Type=notify-reload` expects. */
  reloading(): void {
    const n = this.#notifier;
    if (n === null) return;
    this.#send([["RELOADING", 1], ["MONOTONIC_USEC", String(n.monotonicUsec())], [
      "STATUS",
      "reloading",
    ]]);
  }

  /** STOPPING=1. */
  stopping(): void {
    this.#send([["STOPPING", 1], ["STATUS", "stopping"]]);
  }

  /**
   * Sends STATUS= whenever a process changes state (coalesced to one datagram per turn of the
   * event loop, and only when the text changed); returns the unsubscribe.
   */
  follow(bus: EventBus, states: () => Iterable<ProcessStateName>): () => void {
    if (this.#notifier === null) return () => {};
    const off = bus.subscribe("PROCESS_STATE", () => {
      if (this.#statusTimer !== null) return;
      this.#statusTimer = setTimeout(() => {
        this.#statusTimer = null;
        const text = statusSummary(states());
        if (text === this.#lastStatus) return;
        this.#lastStatus = text;
        this.#send([["STATUS", text]]);
      }, 0);
    });
    return () => {
      off();
      if (this.#statusTimer !== null) clearTimeout(this.#statusTimer);
      this.#statusTimer = null;
    };
  }

  /** Stops the watchdog and closes the socket. */
  [Symbol.dispose](): void {
    if (this.#watchdog !== null) clearInterval(this.#watchdog);
    if (this.#statusTimer !== null) clearTimeout(this.#statusTimer);
    this.#watchdog = this.#statusTimer = null;
    this.#notifier?.close();
  }

  #open(): SdNotifier | null {
    const { env, libc, log } = this.#options;
    const address = env.NOTIFY_SOCKET;
    if (address === undefined || address === "") return null;
    if (libc === null) {
      log("WARN", `NOTIFY_SOCKET=${address}: libc is not available, systemd is not notified`);
      return null;
    }
    try {
      return openSdNotifier(env, libc);
    } catch (e) {
      log("WARN", `NOTIFY_SOCKET=${address}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  #send(fields: NotifyFields): void {
    const n = this.#notifier;
    if (n === null) return;
    try {
      n.send(notifyMessage(fields));
      if (this.#failing) this.#options.log("INFO", `sd_notify: ${n.address} accepts again`);
      this.#failing = false;
    } catch (e) {
      // Logged once per episode: a systemd that went away must not flood the activity log.
      if (!this.#failing) {
        this.#options.log("WARN", `sd_notify ${n.address}: ${e instanceof Error ? e.message : e}`);
      }
      this.#failing = true;
    }
  }
}
