import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./src/server/http/security-headers";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // The Prisma client and pino run only on the server; keep them out of the bundle.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "@node-rs/bcrypt"],
  // The e2e run builds into its own folder so it never replaces the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Next adds its build folder's types to the tsconfig it uses; e2e runs hand it a throw-away one.
  typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH ?? "tsconfig.json" },
  poweredByHeader: false,
  // SERVER_ACTION_BODY_LIMIT in src/server/http/request-policy.ts is the same limit, answered 413 by the proxy.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // On every response, the build's static files included; src/proxy.ts adds the per-request CSP (decision 0009).
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: [...staticSecurityHeaders] },
      {
        source: "/api/webhooks/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ]),
};

export default withNextIntl(nextConfig);
