import type { Platform } from "@/generated/prisma/enums";
import { facebookAdapter } from "@/platforms/facebook";
import { instagramAdapter } from "@/platforms/instagram";
import { lineAdapter } from "@/platforms/line";
import { tiktokAdapter } from "@/platforms/tiktok";
import type { AdapterConfig, PlatformAdapter } from "@/platforms/types";
import { xAdapter } from "@/platforms/x";
import { youtubeAdapter } from "@/platforms/youtube";

export type Adapters = Record<Platform, PlatformAdapter>;

/** Base URLs and app credentials per platform; timeouts and polling shared. */
export type PlatformsConfig = {
  baseUrls: Record<Platform, string>;
  googleOauthBaseUrl: string;
  clients: Partial<Record<Platform, { id: string; secret: string }>>;
  timeoutMs: number;
  pollIntervalMs: number;
  maxPolls: number;
  rateLimitFallbackMs: number;
};

export function createAdapters(cfg: PlatformsConfig): Adapters {
  const base = (p: Platform): AdapterConfig => ({
    baseUrl: cfg.baseUrls[p],
    clientId: cfg.clients[p]?.id,
    clientSecret: cfg.clients[p]?.secret,
    timeoutMs: cfg.timeoutMs,
    pollIntervalMs: cfg.pollIntervalMs,
    maxPolls: cfg.maxPolls,
    rateLimitFallbackMs: cfg.rateLimitFallbackMs,
  });
  return {
    X: xAdapter(base("X")),
    FACEBOOK_PAGE: facebookAdapter(base("FACEBOOK_PAGE")),
    INSTAGRAM: instagramAdapter(base("INSTAGRAM")),
    LINE_OA: lineAdapter(base("LINE_OA")),
    YOUTUBE: youtubeAdapter({ ...base("YOUTUBE"), oauthBaseUrl: cfg.googleOauthBaseUrl }),
    TIKTOK: tiktokAdapter(base("TIKTOK")),
  };
}
