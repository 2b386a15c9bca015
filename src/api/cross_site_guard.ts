/**
 * Refuses cross-site requests that could change something (CSRF): a POST, PUT, PATCH or DELETE a
 * browser sends from another site is answered 403 before any route runs. A browser marks every such
 * request (`Sec-Fetch-Site`, `Origin`); clients that are not browsers (curl, supervisorctl, ctl) send
 * neither and pass, so the rule costs them nothing. Chosen over hono's csrf middleware, which also
 * refuses a form-typed POST with no Origin (what `curl -d` sends).
 */

/** Methods that never change anything and so are never refused. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the guard reads of a request. */
export interface CrossSiteRequest {
  /** The HTTP method. */
  method: string;
  /** The `Host` header (or the URL's host when the header is missing). */
  host: string;
  /** The `Sec-Fetch-Site` header, or null. */
  secFetchSite: string | null;
  /** The `Origin` header, or null. */
  origin: string | null;
}

/**
 * Why a request is refused as cross-site, or null when it may go on: an unsafe method whose
 * `Sec-Fetch-Site` is `cross-site` or `same-site`, or whose `Origin` is not this host (`null`
 * included).
 *
 * @example
 * ```ts
 * import { crossSiteRefusal } from "./cross_site_guard.ts";
 * import assert from "node:assert/strict";
 * const post = { method: "POST", host: "127.0.0.1:9001", secFetchSite: null, origin: null };
 * assert.equal(crossSiteRefusal(post), null);
 * assert.equal(crossSiteRefusal({ ...post, origin: "http://127.0.0.1:9001" }), null);
 * assert.match(crossSiteRefusal({ ...post, origin: "http://evil.example" }) ?? "", /evil/);
 * assert.match(crossSiteRefusal({ ...post, secFetchSite: "cross-site" }) ?? "", /cross-site/);
 * assert.equal(crossSiteRefusal({ ...post, method: "GET", origin: "http://evil.example" }), null);
 * ```
 */
export function crossSiteRefusal(request: CrossSiteRequest): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.secFetchSite?.toLowerCase() ?? null;
  if (site === "cross-site" || site === "same-site") {
    return `cross-site request refused (Sec-Fetch-Site: ${site})`;
  }
  if (request.origin === null) return null;
  if (hostOf(request.origin) !== request.host.toLowerCase()) {
    return `cross-site request refused (Origin: ${request.origin})`;
  }
  return null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" or garbage: no host, so never this one
  }
}
