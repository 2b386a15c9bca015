/** The transport failures ctl tells apart: an unreachable server, a server asking for credentials (faults are protocol/faults.ts's RemoteFault). */

/** The server could not be reached; `code` is the errno name (ENOENT, ECONNREFUSED, ...). */
export class ServerUnreachable extends Error {
  /** `ENOENT`, `ECONNREFUSED`, or another errno-like name. */
  readonly code: string;
  /** The server URL as the user gave it. */
  readonly url: string;
  /** Builds the error for a URL and an errno name; `detail` is the system's own message. */
  constructor(url: string, code: string, detail: string) {
    super(unreachableText(url, code, detail));
    this.name = "ServerUnreachable";
    this.url = url;
    this.code = code;
  }
}

/** supervisorctl's words for an unreachable server: `<url> no such file`, `<url> refused connection`. */
export function unreachableText(url: string, code: string, detail = ""): string {
  if (code === "ENOENT") return `${url} no such file`;
  if (code === "ECONNREFUSED") return `${url} refused connection`;
  if (code === "EACCES") return `${url} permission denied`;
  return `${url} cannot connect: ${detail || code}`;
}

/** The server answered 401: credentials are missing or wrong. */
export class AuthRequired extends Error {
  /** Builds the error. */
  constructor() {
    super("Server requires authentication");
    this.name = "AuthRequired";
  }
}
