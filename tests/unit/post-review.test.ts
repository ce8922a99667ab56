import { describe, expect, it } from "vitest";
import { buildPostReview, reviewBaseVersion, type ReviewTarget, type ReviewVersion } from "@/lib/post-review";

const account = (id: string, platform: ReviewTarget["platform"], at: string | null, text: string | null = null) => ({
  accountId: id,
  platform,
  handle: id,
  displayName: id,
  unitName: "Polda Kalimantan Timur",
  timeZone: "Asia/Makassar",
  textOverride: text,
  scheduledAt: at ? new Date(at) : null,
});

const v1: ReviewVersion = {
  version: 1,
  baseText: "Patroli malam di Balikpapan",
  title: null,
  mediaIds: ["m1"],
  targets: [
    account("x1", "X", "2026-12-03T01:00:00Z", "Patroli malam #Polri"),
    account("ig1", "INSTAGRAM", "2026-12-03T01:00:00Z"),
    account("ig2", "INSTAGRAM", "2026-12-03T01:00:00Z"),
    account("fb1", "FACEBOOK_PAGE", "2026-12-03T01:00:00Z"),
  ],
};

describe("what the approver reviews", () => {
  it("groups the accounts by platform with each platform's own text, and shows no changes without a base", () => {
    const review = buildPostReview(v1, null);
    expect(review.baseVersion).toBeNull();
    expect(review.groups.map((g) => [g.platform, g.text, g.accounts.length])).toEqual([
      ["X", "Patroli malam #Polri", 1],
      ["INSTAGRAM", "Patroli malam di Balikpapan", 2],
      ["FACEBOOK_PAGE", "Patroli malam di Balikpapan", 1],
    ]);
    expect(review.changeCount).toBe(0);
    expect(review.groups.every((g) => g.textDiff === null && g.accounts.every((a) => !a.added && !a.movedFrom))).toBe(
      true,
    );
  });

  it("marks a moved time, text changed on one platform only, media and accounts added and removed", () => {
    const v2: ReviewVersion = {
      version: 2,
      baseText: "Patroli malam di Balikpapan",
      title: null,
      mediaIds: ["m2"],
      targets: [
        account("x1", "X", "2026-12-03T01:00:00Z", "Patroli pagi #Polri"),
        account("ig1", "INSTAGRAM", "2026-12-03T03:30:00Z"),
        account("fb1", "FACEBOOK_PAGE", "2026-12-03T01:00:00Z"),
        account("fb2", "FACEBOOK_PAGE", "2026-12-03T01:00:00Z"),
      ],
    };
    const review = buildPostReview(v2, v1);
    expect(review.baseVersion).toBe(1);
    const x = review.groups.find((g) => g.platform === "X")!;
    expect(x.textDiff?.filter((p) => p.kind !== "same").map((p) => [p.kind, p.text.trim()])).toEqual([
      ["removed", "malam"],
      ["added", "pagi"],
    ]);
    expect(review.groups.find((g) => g.platform === "INSTAGRAM")!.textDiff).toBeNull();
    const ig1 = review.groups.flatMap((g) => g.accounts).find((a) => a.accountId === "ig1")!;
    expect(ig1.movedFrom?.scheduledAt?.toISOString()).toBe("2026-12-03T01:00:00.000Z");
    expect(review.groups.flatMap((g) => g.accounts).filter((a) => a.movedFrom)).toHaveLength(1);
    expect(review.groups.flatMap((g) => g.accounts).find((a) => a.accountId === "fb2")!.added).toBe(true);
    expect(review.removedAccounts.map((a) => a.accountId)).toEqual(["ig2"]);
    expect(review.mediaAdded).toEqual(["m2"]);
    expect(review.mediaRemoved).toEqual(["m1"]);
    // X text, a moved time, an added and a removed account, an added and a removed image.
    expect(review.changeCount).toBe(6);
  });

  it("a time set from 'as soon as approved' to a time is a move too", () => {
    const now = { ...v1, targets: [account("x1", "X", null, "Patroli malam #Polri")] };
    const later = { ...v1, version: 2, targets: [account("x1", "X", "2026-12-03T05:00:00Z", "Patroli malam #Polri")] };
    const [moved] = buildPostReview(later, now).groups[0]!.accounts;
    expect(moved!.movedFrom).toEqual({ scheduledAt: null });
  });
});

describe("the version changes are shown against", () => {
  it("is the version seen, while it is older than the post", () => {
    expect(reviewBaseVersion({ seenVersion: 1, priorVersion: null }, 2)).toBe(1);
  });
  it("is the version seen before, once the current one has been seen", () => {
    expect(reviewBaseVersion({ seenVersion: 2, priorVersion: 1 }, 2)).toBe(1);
  });
  it("is none for a reader who saw nothing before", () => {
    expect(reviewBaseVersion(null, 3)).toBeNull();
    expect(reviewBaseVersion({ seenVersion: 1, priorVersion: null }, 1)).toBeNull();
  });
});
