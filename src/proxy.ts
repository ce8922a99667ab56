import { NextResponse, type NextRequest } from "next/server";
import { localeCookie, toLocale } from "@/i18n/locales";
import en from "@/messages/en.json";
import id from "@/messages/id.json";
import { checkRequest } from "@/server/http/request-policy";
import {
  cameOverHttps,
  contentSecurityPolicy,
  staticSecurityHeaders,
  strictTransportSecurity,
} from "@/server/http/security-headers";

// Next 16's proxy (the file once called middleware) runs before every route handler, server action
// and page: it applies the request policy and sets the security headers (docs/decisions/0009-trust.md).

const messages = { id: id.errors, en: en.errors } as const;

export function proxy(request: NextRequest) {
  const refusal = checkRequest(request);
  if (refusal) {
    const locale = toLocale(request.cookies.get(localeCookie)?.value);
    const message = messages[locale][refusal.key];
    const response = NextResponse.json(
      { error: { code: refusal.code, message, fieldErrors: {} } },
      { status: refusal.status },
    );
    for (const { key, value } of staticSecurityHeaders) response.headers.set(key, value);
    return withHeaders(response, request, "default-src 'none'; frame-ancestors 'none'");
  }

  // A fresh nonce per request; Next reads it from the request's policy and puts it on its inline scripts.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers } }), request, policy);
}

/** The per-request headers; the static ones come from next.config.ts on every response Next answers. */
function withHeaders(response: NextResponse, request: NextRequest, policy: string) {
  response.headers.set("Content-Security-Policy", policy);
  if (cameOverHttps(request.url, request.headers))
    response.headers.set("Strict-Transport-Security", strictTransportSecurity);
  return response;
}

export const config = {
  // Everything but the build's own static files (their headers come from next.config.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks/).*)"],
};
