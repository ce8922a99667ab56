import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import { xConnector, youtubeConnector, type AccountConnector } from "@/platforms/connect";
import { env } from "@/server/env";

// Which platforms can be connected by OAuth here, and with what: the app's credentials come from the
// environment, and where one is missing the page names the variable to set (docs/platforms.md "Connecting").

/** The path segment of each platform's start and callback routes (/api/oauth/<slug>/…). */
export const connectSlugs = { x: "X", youtube: "YOUTUBE" } as const satisfies Record<string, Platform>;
export type ConnectSlug = keyof typeof connectSlugs;

export function isConnectSlug(value: string): value is ConnectSlug {
  return Object.hasOwn(connectSlugs, value);
}

/** The exact redirect URI registered with the platform. */
export function redirectUriFor(slug: ConnectSlug): string {
  return `${env().NEXTAUTH_URL.replace(/\/+$/, "")}/api/oauth/${slug}/callback`;
}

type CredentialVar = "X_CLIENT_ID" | "X_CLIENT_SECRET" | "GOOGLE_CLIENT_ID" | "GOOGLE_CLIENT_SECRET";
const credentialVars: Record<ConnectSlug, [id: CredentialVar, secret: CredentialVar]> = {
  x: ["X_CLIENT_ID", "X_CLIENT_SECRET"],
  youtube: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
};

/** The environment variables still to set before this platform can be connected (empty when ready). */
export function missingSettings(slug: ConnectSlug): string[] {
  const e = env();
  return credentialVars[slug].filter((name) => !e[name]);
}

export function connectorFor(slug: ConnectSlug): AccountConnector | null {
  if (missingSettings(slug).length > 0) return null;
  const e = env();
  const [idVar, secretVar] = credentialVars[slug];
  const common = {
    clientId: e[idVar],
    clientSecret: e[secretVar],
    redirectUri: redirectUriFor(slug),
    timeoutMs: e.PLATFORM_TIMEOUT_MS,
  };
  switch (slug) {
    case "x":
      return xConnector({ ...common, apiBaseUrl: e.X_API_BASE_URL, authorizeUrl: e.X_AUTHORIZE_URL });
    case "youtube":
      return youtubeConnector({
        ...common,
        apiBaseUrl: e.YOUTUBE_API_BASE_URL,
        tokenBaseUrl: e.GOOGLE_OAUTH_BASE_URL,
        authorizeUrl: e.GOOGLE_AUTHORIZE_URL,
      });
  }
}
