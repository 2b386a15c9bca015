/**
 * HTTP Basic auth as supervisor's servers check it (plain or `{SHA}` passwords), compared in
 * constant time. SHA-1 comes from Web Crypto, not node:crypto (which costs a daemon about 1.5 MiB
 * to load).
 */

/** The one user of a server: `password` is plain text or `{SHA}` followed by the hex SHA-1. */
export interface BasicCredentials {
  /** The user name. */
  username: string;
  /** The password, plain or `{SHA}<hex sha1>`. */
  password: string;
}

/** The challenge header of a 401, as supervisor sends it. */
export const AUTH_CHALLENGE = 'Basic realm="default"';

/**
 * Whether an `Authorization` header carries the configured user and password. Both are compared
 * as SHA-1 digests in constant time, so the time taken does not depend on where they differ.
 *
 * @example
 * ```ts
 * import { checkBasicAuth } from "./basic_auth.ts";
 * import assert from "node:assert/strict";
 * const creds = { username: "user", password: "123" };
 * assert.equal(await checkBasicAuth(`Basic ${btoa("user:123")}`, creds), true);
 * assert.equal(await checkBasicAuth(`Basic ${btoa("user:124")}`, creds), false);
 * assert.equal(await checkBasicAuth(null, creds), false);
 * ```
 */
export async function checkBasicAuth(
  header: string | null,
  creds: BasicCredentials,
): Promise<boolean> {
  const given = parseBasic(header);
  if (given === null) return false;
  const userOk = sameBytes(await sha1(given.username), await sha1(creds.username));
  const expected = creds.password.startsWith("{SHA}")
    ? hexDigest(creds.password.slice(5))
    : await sha1(creds.password);
  const passOk = expected !== null && sameBytes(await sha1(given.password), expected);
  return userOk && passOk;
}

/** Splits `Basic base64(user:pass)`; null when the header is missing or malformed. */
export function parseBasic(
  header: string | null,
): { username: string; password: string } | null {
  if (header === null) return null;
  const m = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (m === null) return null;
  let decoded: string;
  try {
    const binary = atob(m[1]!);
    decoded = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function sha1(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
}

/** Whether two digests are equal, looking at every byte whatever the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function hexDigest(hex: string): Uint8Array | null {
  const h = hex.trim().toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(h)) return null;
  return Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
}
