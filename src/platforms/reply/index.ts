import type { Platform } from "@/generated/prisma/enums";
import { graphReply } from "@/platforms/reply/graph";
import { lineReply } from "@/platforms/reply/line";
import type { ReplyAdapter } from "@/platforms/reply/types";
import { xReply } from "@/platforms/reply/x";
import { youtubeReply } from "@/platforms/reply/youtube";
import type { PlatformsConfig } from "@/platforms/registry";
import type { AdapterConfig } from "@/platforms/types";

/** Reply code per platform; TikTok gives official accounts no API to answer comments (decision 0011). */
export type ReplyAdapters = Partial<Record<Platform, ReplyAdapter>>;

export function createReplyAdapters(cfg: PlatformsConfig): ReplyAdapters {
  const base = (p: Platform): AdapterConfig => ({
    baseUrl: cfg.baseUrls[p],
    timeoutMs: cfg.timeoutMs,
    pollIntervalMs: cfg.pollIntervalMs,
    maxPolls: cfg.maxPolls,
    rateLimitFallbackMs: cfg.rateLimitFallbackMs,
  });
  return {
    X: xReply(base("X")),
    FACEBOOK_PAGE: graphReply(base("FACEBOOK_PAGE"), "FACEBOOK_PAGE"),
    INSTAGRAM: graphReply(base("INSTAGRAM"), "INSTAGRAM"),
    YOUTUBE: youtubeReply(base("YOUTUBE")),
    LINE_OA: lineReply(base("LINE_OA")),
  };
}
