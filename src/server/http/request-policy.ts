// The request policy every request passes before any route handler, server action or page runs
// (src/proxy.ts; docs/decisions/0009-trust.md). Plain functions of the request, so a unit test covers
// every route without a server.

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Route handlers under /api that take a body other than JSON: each listed with the one type it takes.
 * Every other state-changing request to /api takes `application/json` or no body at all.
 */
export const bodyTypeExemptions: readonly { path: RegExp; type: string; why: string }[] = [
  { path: /^\/api\/media$/, type: "multipart/form-data", why: "media upload from the composer" },
  { path: /^\/api\/imports\/[^/]+$/, type: "multipart/form-data", why: "spreadsheet import (decision 0013)" },
  {
    path: /^\/api\/auth\//,
    type: "application/x-www-form-urlencoded",
    why: "next-auth's own forms (sign-in, sign-out), which carry next-auth's CSRF token",
  },
];

// The platforms' webhooks (/api/webhooks/line, /api/webhooks/meta; decision 0011) need no entry here: the
// proxy does not run for them (src/proxy.ts). Each authenticates the delivery by the platform's signature over
// the raw body, which no browser on another site can make, and answers with a static policy (next.config.ts).

/** The same limit as `serverActions.bodySizeLimit` in next.config.ts. */
export const SERVER_ACTION_BODY_LIMIT = 2 * 1024 * 1024;

export type Refusal = {
  status: 403 | 413 | 415;
  code: "FORBIDDEN" | "TOO_LARGE" | "UNSUPPORTED_TYPE";
  key: "crossOrigin" | "bodyTooLarge" | "unsupportedType";
};

type RequestLike = { method: string; url: string; headers: Headers };

/** The media type of a Content-Type header, lower case and without parameters ("" when absent). */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The hosts this app answers as: the Host it was reached at (as a proxy forwards it) and NEXTAUTH_URL's. */
function ownHosts(request: RequestLike): Set<string> {
  const hosts = new Set<string>();
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || request.headers.get("host") || new URL(request.url).host;
  if (host) hosts.add(host.toLowerCase());
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      hosts.add(new URL(configured).host.toLowerCase());
    } catch {
      // A malformed NEXTAUTH_URL is refused by src/server/env.ts at start; nothing to add here.
    }
  }
  return hosts;
}

function sameOrigin(origin: string, request: RequestLike): boolean {
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    host = url.host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, data: URLs) and anything else that is not an origin
  }
  return ownHosts(request).has(host);
}

/**
 * Null when the request may go on; otherwise the answer. State-changing requests from another origin are
 * refused (browsers send `Origin` on every cross-origin POST, and `Sec-Fetch-Site` where there is none);
 * route handlers take JSON only (or the one type their exemption names); a server action body over the
 * limit is refused before Next reads it.
 */
export function checkRequest(request: RequestLike): Refusal | null {
  if (!stateChanging.has(request.method.toUpperCase())) return null;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const crossSite = origin !== null ? !sameOrigin(origin, request) : site !== null && site !== "same-origin";
  if (crossSite) return { status: 403, code: "FORBIDDEN", key: "crossOrigin" };

  const length = Number(request.headers.get("content-length") ?? "0");
  if (request.headers.has("next-action")) {
    return Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT
      ? { status: 413, code: "TOO_LARGE", key: "bodyTooLarge" }
      : null;
  }

  const pathname = new URL(request.url).pathname;
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    const type = mediaType(request.headers.get("content-type"));
    const wanted = bodyTypeExemptions.find((e) => e.path.test(pathname))?.type ?? "application/json";
    const noBody = type === "" && (request.headers.get("content-length") ?? "0") === "0";
    if (type !== wanted && !noBody) return { status: 415, code: "UNSUPPORTED_TYPE", key: "unsupportedType" };
  }
  return null;
}
