import type { Platform } from "@/generated/prisma/enums";

// Video limits per platform (bytes, seconds), from each platform's publishing documentation.
// Checked in the composer and again on the server before approval.
export const videoLimits: Record<Platform, { maxBytes: number; maxSeconds: number }> = {
  X: { maxBytes: 512 * 1024 * 1024, maxSeconds: 140 },
  FACEBOOK_PAGE: { maxBytes: 10 * 1024 ** 3, maxSeconds: 240 * 60 },
  INSTAGRAM: { maxBytes: 300 * 1024 * 1024, maxSeconds: 15 * 60 },
  LINE_OA: { maxBytes: 200 * 1024 * 1024, maxSeconds: 5 * 60 },
  YOUTUBE: { maxBytes: 256 * 1024 ** 3, maxSeconds: 12 * 3600 },
  TIKTOK: { maxBytes: 4 * 1024 ** 3, maxSeconds: 10 * 60 },
};

export type VideoIssue = { key: "videoTooLarge" | "videoTooLong"; params: Record<string, number> };

export function checkVideoLimits(
  platform: Platform,
  media: readonly { type: string; sizeBytes: number; durationSec: number | null }[],
): VideoIssue[] {
  const limit = videoLimits[platform];
  const issues: VideoIssue[] = [];
  for (const m of media.filter((x) => x.type === "VIDEO")) {
    if (m.sizeBytes > limit.maxBytes)
      issues.push({ key: "videoTooLarge", params: { maxMb: Math.round(limit.maxBytes / 1024 / 1024) } });
    if (m.durationSec !== null && m.durationSec > limit.maxSeconds)
      issues.push({ key: "videoTooLong", params: { maxSeconds: limit.maxSeconds } });
  }
  return issues;
}
