/** supervisor's (medusa's) plain HTML error responses, used by /RPC2, /logtail and unknown paths. */

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
};

/**
 * An HTML error response laid out as medusa's, e.g. `<p>Error code 404.` and `<p>Message: Not Found.`
 *
 * @example
 * ```ts
 * import { errorPage } from "./error_page.ts";
 * import assert from "node:assert/strict";
 * const r = errorPage(400);
 * assert.equal(r.status, 400);
 * assert.match(await r.text(), /<p>Message: Bad Request\./);
 * ```
 */
export function errorPage(status: number, headers: Record<string, string> = {}): Response {
  const reason = REASONS[status] ?? "Error";
  const body = `<head>\n<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n` +
    `<p>Error code ${status}.\n<p>Message: ${reason}.\n</body>\n`;
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html", ...headers },
  });
}
