import "server-only";
import type { PlatformsConfig } from "@/platforms/registry";
import type { Env } from "@/server/env";

// Tuning of the publishing engine, read from the environment once and passed down explicitly so
// tests can run a worker against an emulator on a random port with short waits.

export type EngineConfig = {
  maxAttempts: number;
  backoffBaseMs: number;
  stuckAfterMs: number;
  reconcileEveryMs: number;
  confirmDelayMs: number;
  confirmMaxChecks: number;
  /** The first look for a post id the platform gives later (TikTok after moderation); later looks back off. */
  postIdDelayMs: number;
  /** When to stop looking for that id, from the time the post went out. */
  postIdGiveUpMs: number;
  instagramPostsPerDay: number;
  platforms: PlatformsConfig;
};

export function platformsConfigFromEnv(e: Env): PlatformsConfig {
  return {
    baseUrls: {
      X: e.X_API_BASE_URL,
      FACEBOOK_PAGE: e.FACEBOOK_GRAPH_BASE_URL,
      INSTAGRAM: e.INSTAGRAM_GRAPH_BASE_URL,
      LINE_OA: e.LINE_API_BASE_URL,
      YOUTUBE: e.YOUTUBE_API_BASE_URL,
      TIKTOK: e.TIKTOK_API_BASE_URL,
    },
    googleOauthBaseUrl: e.GOOGLE_OAUTH_BASE_URL,
    clients: {
      X: { id: e.X_CLIENT_ID, secret: e.X_CLIENT_SECRET },
      YOUTUBE: { id: e.GOOGLE_CLIENT_ID, secret: e.GOOGLE_CLIENT_SECRET },
      TIKTOK: { id: e.TIKTOK_CLIENT_KEY, secret: e.TIKTOK_CLIENT_SECRET },
    },
    timeoutMs: e.PLATFORM_TIMEOUT_MS,
    pollIntervalMs: e.PLATFORM_POLL_INTERVAL_MS,
    maxPolls: e.PLATFORM_MAX_POLLS,
    rateLimitFallbackMs: e.RATE_LIMIT_FALLBACK_MS,
  };
}

export function engineConfigFromEnv(e: Env): EngineConfig {
  return {
    maxAttempts: e.PUBLISH_MAX_ATTEMPTS,
    backoffBaseMs: e.PUBLISH_BACKOFF_BASE_MS,
    stuckAfterMs: e.PUBLISH_STUCK_AFTER_MS,
    reconcileEveryMs: e.RECONCILE_EVERY_MS,
    confirmDelayMs: e.CONFIRM_DELAY_MS,
    confirmMaxChecks: e.CONFIRM_MAX_CHECKS,
    postIdDelayMs: e.POST_ID_CHECK_DELAY_MS,
    postIdGiveUpMs: e.POST_ID_GIVE_UP_MS,
    instagramPostsPerDay: e.INSTAGRAM_POSTS_PER_DAY,
    platforms: platformsConfigFromEnv(e),
  };
}
