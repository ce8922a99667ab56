import type { Platform } from "@/generated/prisma/enums";

// Facts about the platforms that both the browser and the server need.
export const platforms = [
  "X",
  "FACEBOOK_PAGE",
  "INSTAGRAM",
  "LINE_OA",
  "YOUTUBE",
  "TIKTOK",
] as const satisfies readonly Platform[];

export const platformLabel: Record<Platform, string> = {
  X: "X",
  FACEBOOK_PAGE: "Facebook",
  INSTAGRAM: "Instagram",
  LINE_OA: "LINE OA",
  YOUTUBE: "YouTube",
  TIKTOK: "TikTok",
};

export function profileUrlFor(platform: Platform, handle: string): string {
  const h = handle.replace(/^@/, "");
  switch (platform) {
    case "X":
      return `https://x.com/${h}`;
    case "FACEBOOK_PAGE":
      return `https://www.facebook.com/${h}`;
    case "INSTAGRAM":
      return `https://www.instagram.com/${h}`;
    case "LINE_OA":
      return `https://page.line.me/${h}`;
    case "YOUTUBE":
      return `https://www.youtube.com/@${h}`;
    case "TIKTOK":
      return `https://www.tiktok.com/@${h}`;
  }
}

/**
 * Whether Siar renews the account's access itself (docs/platforms.md, tokens): X, YouTube and TikTok with a
 * refresh token, Instagram by exchanging its long-lived token. Facebook Page tokens do not expire and
 * LINE's channel token is issued by the channel, so there is nothing to refresh.
 */
export function refreshesTokens(platform: Platform): boolean {
  switch (platform) {
    case "X":
    case "YOUTUBE":
    case "TIKTOK":
    case "INSTAGRAM":
      return true;
    case "FACEBOOK_PAGE":
    case "LINE_OA":
      return false;
  }
}
