import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import { xConnector, youtubeConnector, type AccountConnector } from "@/platforms/connect";
import { facebookConnector, instagramConnector, tiktokConnector } from "@/platforms/connect-more";
import { env } from "@/server/env";

// Which platforms can be connected by OAuth here, and with what: the app's credentials come from the
// environment, and where one is missing the page names the variable to set (docs/platforms.md "Connecting").

/** The path segment of each platform's start and callback routes (/api/oauth/<slug>/…). */
export const connectSlugs = {
  x: "X",
  facebook: "FACEBOOK_PAGE",
  instagram: "INSTAGRAM",
  youtube: "YOUTUBE",
  tiktok: "TIKTOK",
} as const satisfies Record<string, Platform>;
export type ConnectSlug = keyof typeof connectSlugs;

export function isConnectSlug(value: string): value is ConnectSlug {
  return Object.hasOwn(connectSlugs, value);
}

/** The exact redirect URI registered with the platform. */
export function redirectUriFor(slug: ConnectSlug): string {
  return `${env().NEXTAUTH_URL.replace(/\/+$/, "")}/api/oauth/${slug}/callback`;
}

type CredentialVar =
  | "X_CLIENT_ID"
  | "X_CLIENT_SECRET"
  | "GOOGLE_CLIENT_ID"
  | "GOOGLE_CLIENT_SECRET"
  | "FACEBOOK_CLIENT_ID"
  | "FACEBOOK_CLIENT_SECRET"
  | "INSTAGRAM_CLIENT_ID"
  | "INSTAGRAM_CLIENT_SECRET"
  | "TIKTOK_CLIENT_KEY"
  | "TIKTOK_CLIENT_SECRET";
const credentialVars: Record<ConnectSlug, [id: CredentialVar, secret: CredentialVar]> = {
  x: ["X_CLIENT_ID", "X_CLIENT_SECRET"],
  facebook: ["FACEBOOK_CLIENT_ID", "FACEBOOK_CLIENT_SECRET"],
  instagram: ["INSTAGRAM_CLIENT_ID", "INSTAGRAM_CLIENT_SECRET"],
  youtube: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  tiktok: ["TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET"],
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
    case "facebook":
      return facebookConnector({
        ...common,
        apiBaseUrl: e.FACEBOOK_GRAPH_BASE_URL,
        authorizeUrl: e.FACEBOOK_AUTHORIZE_URL,
      });
    case "instagram":
      return instagramConnector({
        ...common,
        apiBaseUrl: e.INSTAGRAM_GRAPH_BASE_URL,
        tokenBaseUrl: e.INSTAGRAM_OAUTH_BASE_URL,
        authorizeUrl: e.INSTAGRAM_AUTHORIZE_URL,
      });
    case "tiktok":
      return tiktokConnector({ ...common, apiBaseUrl: e.TIKTOK_API_BASE_URL, authorizeUrl: e.TIKTOK_AUTHORIZE_URL });
  }
}
