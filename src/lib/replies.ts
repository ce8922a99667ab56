import twitterText from "twitter-text";
import type { Platform } from "@/generated/prisma/enums";

// Public replies (issue 16 item 5, decision 0011 "Public replies"), shared by the page and the server.

/**
 * The longest reply each platform takes (docs/platforms.md "Public replies"): X 280 weighted characters
 * (twitter-text counts as X does), a Facebook comment 8,000, an Instagram comment 2,200, a YouTube comment
 * 10,000, a LINE text message 5,000. TikTok gives official accounts no way to answer: null.
 */
export const replyLimit: Record<Platform, number | null> = {
  X: 280,
  FACEBOOK_PAGE: 8_000,
  INSTAGRAM: 2_200,
  YOUTUBE: 10_000,
  LINE_OA: 5_000,
  TIKTOK: null,
};

/** The reply's length as the platform counts it. */
export function replyLength(platform: Platform, text: string): number {
  return platform === "X" ? twitterText.parseTweet(text).weightedLength : Array.from(text).length;
}
