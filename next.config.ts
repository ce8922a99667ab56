import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // The Prisma client and pino run only on the server; keep them out of the bundle.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "bcryptjs"],
  // The e2e run builds into its own folder so it never replaces the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Next adds its build folder's types to the tsconfig it uses; e2e runs hand it a throw-away one.
  typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH ?? "tsconfig.json" },
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
};

export default withNextIntl(nextConfig);
