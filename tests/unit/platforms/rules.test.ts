import { describe, expect, it } from "vitest";
import { checkRules, xWeightedLength } from "@/platforms/rules";

const keys = (issues: { key: string }[]) => issues.map((i) => i.key);
const jpeg = { kind: "IMAGE" as const, mimeType: "image/jpeg", altText: "Foto" };
const video = { kind: "VIDEO" as const, mimeType: "video/mp4", altText: null };

describe("platform rules", () => {
  it("counts X text the way X does: a URL is 23, an emoji 2", () => {
    expect(xWeightedLength(`lihat https://humas.polri.go.id/berita/${"a".repeat(80)}`)).toBe(6 + 23);
    expect(xWeightedLength("😀")).toBe(2);
    expect(keys(checkRules("X", { text: "a".repeat(280), media: [] }))).toEqual([]);
    expect(checkRules("X", { text: "a".repeat(281), media: [] })).toEqual([
      { key: "textTooLong", params: { length: 281, max: 280 } },
    ]);
  });

  it("allows up to four images on X but not images with a video", () => {
    expect(keys(checkRules("X", { text: "a", media: [jpeg, jpeg, jpeg, jpeg, jpeg] }))).toEqual(["tooManyImages"]);
    expect(keys(checkRules("X", { text: "a", media: [jpeg, video] }))).toEqual(["mixedMedia"]);
  });

  it("refuses images over 5 MB and GIFs over 15 MB for X (X's upload limits), other platforms keep them", () => {
    const MB = 1024 * 1024;
    expect(checkRules("X", { text: "a", media: [{ ...jpeg, sizeBytes: 5 * MB }] })).toEqual([]);
    expect(checkRules("X", { text: "a", media: [{ ...jpeg, sizeBytes: 5 * MB + 1 }] })).toEqual([
      { key: "imageTooLarge", params: { maxMb: 5 } },
    ]);
    const gif = { kind: "GIF" as const, mimeType: "image/gif", altText: "Animasi" };
    expect(keys(checkRules("X", { text: "a", media: [{ ...gif, sizeBytes: 15 * MB }] }))).toEqual([]);
    expect(keys(checkRules("X", { text: "a", media: [{ ...gif, sizeBytes: 15 * MB + 1 }] }))).toEqual([
      "imageTooLarge",
    ]);
    expect(keys(checkRules("FACEBOOK_PAGE", { text: "a", media: [{ ...jpeg, sizeBytes: 6 * MB }] }))).toEqual([]);
  });

  it("requires an image or a video on Instagram, takes a PNG (converted at upload) but no GIF, and limits hashtags", () => {
    expect(keys(checkRules("INSTAGRAM", { text: "a", media: [] }))).toEqual(["mediaRequired"]);
    expect(keys(checkRules("INSTAGRAM", { text: "a", media: [{ ...jpeg, mimeType: "image/png" }] }))).toEqual([]);
    const gif = { kind: "GIF" as const, mimeType: "image/gif", altText: "Animasi" };
    expect(keys(checkRules("INSTAGRAM", { text: "a", media: [gif] }))).toEqual(["imageTypeNotAllowed"]);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    expect(keys(checkRules("INSTAGRAM", { text: tags, media: [jpeg] }))).toEqual(["tooManyHashtags"]);
  });

  it("requires a title and exactly one video on YouTube", () => {
    expect(keys(checkRules("YOUTUBE", { text: "desc", title: "", media: [video] }))).toEqual(["titleRequired"]);
    expect(keys(checkRules("YOUTUBE", { text: "desc", title: "Judul", media: [] }))).toEqual(["videoRequired"]);
    expect(keys(checkRules("YOUTUBE", { text: "desc", title: "x".repeat(101), media: [video] }))).toEqual([
      "titleTooLong",
    ]);
  });

  it("asks for alt text on every image (accessibility law)", () => {
    expect(checkRules("FACEBOOK_PAGE", { text: "a", media: [{ ...jpeg, altText: " " }, jpeg] })).toEqual([
      { key: "altTextMissing", params: { count: 1 } },
    ]);
  });

  it("counts LINE's text in characters, not UTF-16 units", () => {
    expect(keys(checkRules("LINE_OA", { text: "😀".repeat(5_000), media: [] }))).toEqual([]);
    expect(keys(checkRules("LINE_OA", { text: "a".repeat(5_001), media: [] }))).toEqual(["textTooLong"]);
  });
});
