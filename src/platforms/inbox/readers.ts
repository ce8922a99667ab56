import type { Platform } from "@/generated/prisma/enums";
import { graphReader } from "@/platforms/inbox/graph";
import type { InboxReader } from "@/platforms/inbox/types";
import { xReader } from "@/platforms/inbox/x";
import { youtubeReader } from "@/platforms/inbox/youtube";
import type { PlatformsConfig } from "@/platforms/registry";

/**
 * The polled platforms' readers (docs/platforms.md "Reading citizens"). LINE has no endpoint to read messages
 * back (webhook only) and TikTok no comment or message API for this use: neither has a reader.
 */
export type InboxReaders = Partial<Record<Platform, InboxReader>>;

export function createInboxReaders(cfg: PlatformsConfig): InboxReaders {
  const base = (p: Platform) => ({
    baseUrl: cfg.baseUrls[p],
    timeoutMs: cfg.timeoutMs,
    rateLimitFallbackMs: cfg.rateLimitFallbackMs,
  });
  return {
    X: xReader(base("X")),
    YOUTUBE: youtubeReader(base("YOUTUBE")),
    FACEBOOK_PAGE: graphReader(base("FACEBOOK_PAGE"), "facebook"),
    INSTAGRAM: graphReader(base("INSTAGRAM"), "instagram"),
  };
}
