import twitterText from "twitter-text";
import type { Platform } from "@/generated/prisma/enums";

// The platform rules of docs/product.md as pure functions. Browser-safe on purpose: the composer runs
// them while the person types and the server runs the same ones before approval and publishing.
// Messages are keys in the "rules" namespace of src/messages/*.json, with params, never sentences.

export type RuleMedia = {
  kind: "IMAGE" | "GIF" | "VIDEO";
  mimeType: string;
  altText: string | null;
  /** The file's size, where known (the composer and the server know it; a rule on size needs it). */
  sizeBytes?: number;
};
export type RuleInput = { text: string; title?: string | null; media: readonly RuleMedia[] };

export type RuleIssue = {
  key:
    | "textRequired"
    | "textTooLong"
    | "titleRequired"
    | "titleTooLong"
    | "tooManyHashtags"
    | "tooManyMentions"
    | "mediaRequired"
    | "tooManyImages"
    | "videoRequired"
    | "mixedMedia"
    | "tooManyVideos"
    | "imageTypeNotAllowed"
    | "imageTooLarge"
    | "altTextMissing";
  params: Record<string, number | string>;
};

const MB = 1024 * 1024;

export const limits = {
  /** X takes images up to 5 MB and GIFs up to 15 MB through its API (docs.x.com/x-api/media). */
  X: { weightedText: 280, images: 4, imageBytes: 5 * MB, gifBytes: 15 * MB },
  FACEBOOK_PAGE: { text: 63_206, images: 10 },
  INSTAGRAM: { caption: 2_200, hashtags: 30, mentions: 20, images: 10 },
  LINE_OA: { text: 5_000, messages: 5 },
  YOUTUBE: { title: 100, description: 5_000 },
  TIKTOK: { caption: 2_200 },
} as const;

/** X counts URLs as 23 and emoji/CJK as 2: twitter-text is the reference implementation. */
export function xWeightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** Characters as a person counts them (code points), not UTF-16 units. */
export function charLength(text: string): number {
  return Array.from(text).length;
}

const count = (kind: RuleMedia["kind"], media: readonly RuleMedia[]) => media.filter((m) => m.kind === kind).length;

function tooLong(length: number, max: number, key: "textTooLong" | "titleTooLong" = "textTooLong"): RuleIssue[] {
  return length > max ? [{ key, params: { length, max } }] : [];
}

function altText(media: readonly RuleMedia[]): RuleIssue[] {
  const missing = media.filter((m) => m.kind !== "VIDEO" && !m.altText?.trim()).length;
  return missing > 0 ? [{ key: "altTextMissing", params: { count: missing } }] : [];
}

function xRules({ text, media }: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!text.trim() && media.length === 0) issues.push({ key: "textRequired", params: {} });
  issues.push(...tooLong(xWeightedLength(text), limits.X.weightedText));
  const images = count("IMAGE", media),
    gifs = count("GIF", media),
    videos = count("VIDEO", media);
  const kinds = [images, gifs, videos].filter((n) => n > 0).length;
  if (kinds > 1) issues.push({ key: "mixedMedia", params: {} });
  else if (images > limits.X.images)
    issues.push({ key: "tooManyImages", params: { count: images, max: limits.X.images } });
  else if (gifs > 1 || videos > 1) issues.push({ key: "tooManyVideos", params: { count: gifs + videos, max: 1 } });
  const over = (m: RuleMedia, max: number) => m.sizeBytes !== undefined && m.sizeBytes > max;
  if (media.some((m) => m.kind === "IMAGE" && over(m, limits.X.imageBytes)))
    issues.push({ key: "imageTooLarge", params: { maxMb: limits.X.imageBytes / MB } });
  else if (media.some((m) => m.kind === "GIF" && over(m, limits.X.gifBytes)))
    issues.push({ key: "imageTooLarge", params: { maxMb: limits.X.gifBytes / MB } });
  return issues;
}

function facebookRules({ text, media }: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!text.trim() && media.length === 0) issues.push({ key: "textRequired", params: {} });
  issues.push(...tooLong(charLength(text), limits.FACEBOOK_PAGE.text));
  const videos = count("VIDEO", media),
    images = media.length - videos;
  if (videos > 0 && images > 0) issues.push({ key: "mixedMedia", params: {} });
  else if (videos > 1) issues.push({ key: "tooManyVideos", params: { count: videos, max: 1 } });
  else if (images > limits.FACEBOOK_PAGE.images)
    issues.push({ key: "tooManyImages", params: { count: images, max: limits.FACEBOOK_PAGE.images } });
  return issues;
}

function instagramRules({ text, media }: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [...tooLong(charLength(text), limits.INSTAGRAM.caption)];
  const hashtags = twitterText.extractHashtags(text).length;
  const mentions = twitterText.extractMentions(text).length;
  if (hashtags > limits.INSTAGRAM.hashtags)
    issues.push({ key: "tooManyHashtags", params: { count: hashtags, max: limits.INSTAGRAM.hashtags } });
  if (mentions > limits.INSTAGRAM.mentions)
    issues.push({ key: "tooManyMentions", params: { count: mentions, max: limits.INSTAGRAM.mentions } });
  const videos = count("VIDEO", media),
    images = media.length - videos;
  if (media.length === 0) issues.push({ key: "mediaRequired", params: {} });
  else if (videos > 0 && media.length > 1) issues.push({ key: "mixedMedia", params: {} });
  else if (images > limits.INSTAGRAM.images)
    issues.push({ key: "tooManyImages", params: { count: images, max: limits.INSTAGRAM.images } });
  // Instagram publishes JPEG only; a PNG gets a JPEG copy at upload (src/server/media/fit-media.ts), a GIF cannot.
  if (media.some((m) => m.kind === "GIF"))
    issues.push({ key: "imageTypeNotAllowed", params: { allowed: "JPEG, PNG" } });
  return issues;
}

function lineRules({ text, media }: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!text.trim() && media.length === 0) issues.push({ key: "textRequired", params: {} });
  issues.push(...tooLong(charLength(text), limits.LINE_OA.text));
  // One message for the text plus one per media item; a send carries at most five.
  const messages = (text.trim() ? 1 : 0) + media.length;
  if (messages > limits.LINE_OA.messages)
    issues.push({
      key: "tooManyImages",
      params: { count: media.length, max: limits.LINE_OA.messages - (text.trim() ? 1 : 0) },
    });
  if (media.some((m) => m.kind !== "VIDEO" && !["image/jpeg", "image/png"].includes(m.mimeType)))
    issues.push({ key: "imageTypeNotAllowed", params: { allowed: "JPEG, PNG" } });
  return issues;
}

function singleVideo(media: readonly RuleMedia[]): RuleIssue[] {
  const videos = count("VIDEO", media);
  if (videos === 0) return [{ key: "videoRequired", params: {} }];
  if (media.length > 1) return [{ key: "tooManyVideos", params: { count: media.length, max: 1 } }];
  return [];
}

function youtubeRules({ text, title, media }: RuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const t = title?.trim() ?? "";
  if (!t) issues.push({ key: "titleRequired", params: {} });
  issues.push(...tooLong(charLength(t), limits.YOUTUBE.title, "titleTooLong"));
  issues.push(...tooLong(charLength(text), limits.YOUTUBE.description));
  return [...issues, ...singleVideo(media)];
}

function tiktokRules({ text, media }: RuleInput): RuleIssue[] {
  return [...tooLong(charLength(text), limits.TIKTOK.caption), ...singleVideo(media)];
}

const byPlatform: Record<Platform, (input: RuleInput) => RuleIssue[]> = {
  X: xRules,
  FACEBOOK_PAGE: facebookRules,
  INSTAGRAM: instagramRules,
  LINE_OA: lineRules,
  YOUTUBE: youtubeRules,
  TIKTOK: tiktokRules,
};

/** Every rule a post breaks on one platform; an empty list means it may go out. */
export function checkRules(platform: Platform, input: RuleInput): RuleIssue[] {
  return [...byPlatform[platform](input), ...altText(input.media)];
}
