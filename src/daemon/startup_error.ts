/** A failure before the daemon is up: printed as `Error: <message>`, exit 2, like supervisord. */

/** A startup failure with supervisord's message. */
export class StartupError extends Error {
  override name = "StartupError";
  /** supervisord reports it through usage(): `For help, use ... -h` follows. */
  readonly usage: boolean;

  /** Builds the error; `usage` adds supervisord's `For help` line. */
  constructor(message: string, options: { usage?: boolean } = {}) {
    super(message);
    this.usage = options.usage ?? false;
  }
}
