/** A failure before the daemon is up: printed as `Error: <message>`, exit 2, like supervisord. */

/** A startup failure with supervisord's message. */
export class StartupError extends Error {
  override name = "StartupError";
}
