import type { Platform } from "@/generated/prisma/enums";
import type { VideoIssue } from "@/lib/media-limits";
import { charLength, limits, xWeightedLength, type RuleIssue } from "@/platforms/rules";

// Composer problems as a hurried operator reads them (issue 14, docs/decisions/0010-the-desk-on-phones.md):
// every problem at once, one line per problem with the accounts it affects ("23 akun Instagram: …"),
// each at the field where it is fixed. Pure and browser-safe.

export type ProblemField =
  "baseText" | "title" | "media" | "alt" | `text-${Platform}` | "accounts" | "schedule" | "form";

export type ProblemInput = { field: ProblemField; message: string; platform: Platform | null; accountIds: string[] };

export type Problem = {
  field: ProblemField;
  message: string;
  /** Accounts affected, per platform, in the order met; empty for a problem of the post as a whole. */
  platforms: { platform: Platform; count: number }[];
  total: number;
};

const mediaKeys = new Set<string>([
  "mediaRequired",
  "tooManyImages",
  "videoRequired",
  "mixedMedia",
  "tooManyVideos",
  "imageTypeNotAllowed",
  "imageTooLarge",
  "videoTooLarge",
  "videoTooLong",
]);

/** Where a rule's problem is fixed: the alt text, the media, the title, or the text that platform gets. */
export function fieldOfIssue(
  key: RuleIssue["key"] | VideoIssue["key"],
  platform: Platform,
  hasOwnText: boolean,
): ProblemField {
  if (key === "altTextMissing") return "alt";
  if (mediaKeys.has(key)) return "media";
  if (key === "titleRequired" || key === "titleTooLong") return "title";
  return hasOwnText ? `text-${platform}` : "baseText";
}

/** The same problem on many accounts is one line: grouped by field and message, counted per platform. */
export function groupProblems(items: readonly ProblemInput[]): Problem[] {
  const groups = new Map<string, { field: ProblemField; message: string; byPlatform: Map<Platform, Set<string>> }>();
  for (const item of items) {
    const key = `${item.field}\u0000${item.message}`;
    let group = groups.get(key);
    if (!group) {
      group = { field: item.field, message: item.message, byPlatform: new Map() };
      groups.set(key, group);
    }
    if (item.platform) {
      const ids = group.byPlatform.get(item.platform) ?? new Set<string>();
      for (const id of item.accountIds) ids.add(id);
      group.byPlatform.set(item.platform, ids);
    }
  }
  return [...groups.values()].map((g) => {
    const platforms = [...g.byPlatform].map(([platform, ids]) => ({ platform, count: ids.size }));
    return { field: g.field, message: g.message, platforms, total: platforms.reduce((n, p) => n + p.count, 0) };
  });
}

/** A platform's text limit and how long the text is as that platform counts it (X weighs URLs and emoji). */
export function textCount(platform: Platform, text: string): { length: number; max: number } {
  switch (platform) {
    case "X":
      return { length: xWeightedLength(text), max: limits.X.weightedText };
    case "FACEBOOK_PAGE":
      return { length: charLength(text), max: limits.FACEBOOK_PAGE.text };
    case "INSTAGRAM":
      return { length: charLength(text), max: limits.INSTAGRAM.caption };
    case "LINE_OA":
      return { length: charLength(text), max: limits.LINE_OA.text };
    case "YOUTUBE":
      return { length: charLength(text), max: limits.YOUTUBE.description };
    case "TIKTOK":
      return { length: charLength(text), max: limits.TIKTOK.caption };
  }
}
