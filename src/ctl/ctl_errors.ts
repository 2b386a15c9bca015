/** The failures ctl tells apart: an unreachable server, a server asking for credentials, a remote fault. */

import { type FaultCode, FAULTS, SvisorError } from "../core/errors.ts";

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

const NAMES = new Map<number, keyof typeof FAULTS>(
  Object.entries(FAULTS).map(([name, n]) => [n, name as keyof typeof FAULTS]),
);

/** An XML-RPC fault from the server: a SvisorError with the wire number and string kept. */
export class RemoteFault extends SvisorError {
  /** The fault number on the wire. */
  readonly faultCode: number;
  /** Builds the error from a fault number and string (unknown numbers get the code FAILED). */
  constructor(faultCode: number, faultString: string) {
    super(NAMES.get(faultCode) ?? "FAILED", faultString);
    this.name = "RemoteFault";
    this.faultCode = faultCode;
  }
}

/** The wire number of a fault code name (svisor's own codes, which never cross the wire, give 30). */
export function faultNumber(code: FaultCode): number {
  return code in FAULTS ? FAULTS[code as keyof typeof FAULTS] : FAULTS.FAILED;
}
