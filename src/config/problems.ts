/** Collects every error, warning and note found while loading, so a load reports them all at once (each once). */

import { ConfigError, type ConfigLocation, formatLocated } from "../core/errors.ts";
import type { ConfigWarning } from "./model.ts";

/** The problems of one load: errors make it fail, warnings and infos are shown. */
export class Problems {
  /** Fatal problems. */
  readonly errors: ConfigError[] = [];
  /** Non-fatal problems (unknown names, suspicious values). */
  readonly warnings: ConfigWarning[] = [];
  /** Informational lines (included files, notes on sections svisor accepts but does not use). */
  readonly infos: string[] = [];

  /** Records an error. */
  error(location: ConfigLocation, detail: string): void {
    const error = new ConfigError(location, detail);
    if (this.errors.some((e) => e.message === error.message)) return;
    this.errors.push(error);
  }

  /** Records a warning. */
  warn(location: ConfigLocation, detail: string): void {
    const message = formatLocated(location, detail);
    if (this.warnings.some((w) => w.message === message)) return;
    this.warnings.push({ message, location, detail });
  }

  /** Records an informational line, located when a location is given. */
  info(detail: string, location?: ConfigLocation): void {
    this.infos.push(location === undefined ? detail : formatLocated(location, detail));
  }
}
