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
