import type { Platform } from "@/generated/prisma/enums";

// Publishing limits from docs/platforms.md, applied before a call so a busy account waits its turn
// instead of collecting 429s. "account" windows are per connected account (X user, LINE channel,
// TikTok token, Instagram user); "app" windows are shared by every account of our app on the platform.

export type LimitWindow = { scope: "account" | "app"; limit: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function publishLimits(instagramPostsPerDay: number): Record<Platform, LimitWindow[]> {
  return {
    X: [
      { scope: "account", limit: 100, windowMs: 15 * MINUTE },
      { scope: "app", limit: 10_000, windowMs: DAY },
    ],
    // Facebook publishes no fixed number; it throttles by usage headers, which the adapter reads.
    FACEBOOK_PAGE: [],
    // Official pages disagree (50 or 100 per 24 h): configurable, see INSTAGRAM_POSTS_PER_DAY.
    INSTAGRAM: [{ scope: "account", limit: instagramPostsPerDay, windowMs: DAY }],
    LINE_OA: [{ scope: "account", limit: 60, windowMs: HOUR }],
    YOUTUBE: [{ scope: "app", limit: 100, windowMs: DAY }],
    TIKTOK: [{ scope: "account", limit: 6, windowMs: MINUTE }],
  };
}

/**
 * TikTok allows 30 status polls a minute per access token (Content Posting API, "Get Post Status"). The
 * look for a post id after moderation takes at most 20 of them per account, so the polls of a publish in
 * progress on the same token keep room (docs/platforms.md "TikTok").
 */
export const statusPollLimits: Record<Platform, LimitWindow[]> = {
  X: [],
  FACEBOOK_PAGE: [],
  INSTAGRAM: [],
  LINE_OA: [],
  YOUTUBE: [],
  TIKTOK: [{ scope: "account", limit: 20, windowMs: MINUTE }],
};

/**
 * Reading citizens' comments and mentions (docs/platforms.md "Reading citizens"), in windows of their own:
 * X's user mention timeline 180 requests per 15 minutes per user; YouTube's 10,000 quota units a day per
 * project (commentThreads.list costs 1); Facebook and Instagram 200 calls an hour per account (Graph's
 * platform rate limit). LINE and TikTok are not read.
 */
export function readLimits(): Record<Platform, LimitWindow[]> {
  return {
    X: [{ scope: "account", limit: 180, windowMs: 15 * MINUTE }],
    FACEBOOK_PAGE: [{ scope: "account", limit: 200, windowMs: HOUR }],
    INSTAGRAM: [{ scope: "account", limit: 200, windowMs: HOUR }],
    LINE_OA: [],
    YOUTUBE: [{ scope: "app", limit: 10_000, windowMs: DAY }],
    TIKTOK: [],
  };
}

/**
 * Whose windows a public reply takes (decision 0011 "Public replies"), before its call, like a post: on X a reply
 * is a post (`POST /2/tweets`), so it shares publishing's windows (100 / 15 min per user, 10,000 / day per app);
 * Facebook's and Instagram's reply is one Graph call, counted in the account's 200 calls an hour with the reads;
 * YouTube's `comments.insert` draws on the project's daily quota with the reads (one slot, though it costs 50
 * units against a read's 1). LINE's reply and push are not broadcasts (the 60 an hour window) and LINE counts
 * pushes against the monthly quota itself; TikTok has no reply.
 */
export const replyWindows: Record<Platform, "publish" | "read" | null> = {
  X: "publish",
  FACEBOOK_PAGE: "read",
  INSTAGRAM: "read",
  YOUTUBE: "read",
  LINE_OA: null,
  TIKTOK: null,
};
