// Security headers (docs/decisions/0009-trust.md). The Content-Security-Policy carries a fresh nonce per
// request (src/proxy.ts), which Next puts on the inline scripts it writes; the other headers are the same
// on every response and are also set in next.config.ts for the files Next serves itself.

/** The Content-Security-Policy for one response. `dev`: `next dev` needs eval for its overlay. */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and Next set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Previews of a file picked in the composer are blob: URLs; avatars and icons may be data: URLs.
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The headers every response carries, whatever made it. */
export const staticSecurityHeaders: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
];

/** HSTS, sent only on a request that came over HTTPS (directly or through the proxy in front). */
export const strictTransportSecurity = "max-age=31536000; includeSubDomains";

export function cameOverHttps(url: string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : url.startsWith("https:");
}
