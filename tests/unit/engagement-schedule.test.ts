import { describe, expect, it } from "vitest";
import { nextPollTime } from "@/server/engagement/next-poll-time";
import { cleanReading, interactionsOf, isMissing } from "@/server/engagement/reading";
import { toBatches, type DueRow } from "@/server/engagement/select-due-targets";

const published = new Date("2026-11-01T00:00:00Z");
const plus = (ms: number) => new Date(published.getTime() + ms);
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe("the decaying collection schedule", () => {
  it("reads at 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, then daily", () => {
    const times: number[] = [];
    let after = published;
    for (let i = 0; i < 9; i++) {
      after = nextPollTime(published, after)!;
      times.push(after.getTime() - published.getTime());
    }
    expect(times).toEqual([15 * MIN, 30 * MIN, H, 2 * H, 4 * H, 8 * H, D, 2 * D, 3 * D]);
  });

  it("resumes at the next checkpoint after a late reading instead of catching up on missed ones", () => {
    expect(nextPollTime(published, plus(5 * H))).toEqual(plus(8 * H));
    expect(nextPollTime(published, plus(3 * D + 2 * H))).toEqual(plus(4 * D));
  });

  it("stops after 30 days", () => {
    expect(nextPollTime(published, plus(29 * D + H))).toEqual(plus(30 * D));
    expect(nextPollTime(published, plus(30 * D))).toBeNull();
  });
});

describe("metrics batches", () => {
  const rows = (platform: DueRow["platform"], accountId: string, n: number): DueRow[] =>
    Array.from({ length: n }, (_, i) => ({
      target_id: `${accountId}-t${i}`,
      platform_post_id: `${accountId}-p${i}`,
      account_id: accountId,
      platform,
      platform_account_id: `pa-${accountId}`,
      handle: accountId,
      access_token_enc: "sealed",
      refresh_token_enc: null,
    }));

  it("asks X for 100 ids, YouTube 50, TikTok 20 and the others one at a time, never mixing accounts", () => {
    const batches = toBatches([
      ...rows("X", "x1", 230),
      ...rows("YOUTUBE", "yt", 51),
      ...rows("TIKTOK", "tt", 45),
      ...rows("INSTAGRAM", "ig", 3),
      ...rows("X", "x2", 5),
    ]);
    const sizes = (acc: string) => batches.filter((b) => b.accountId === acc).map((b) => b.targets.length);
    expect(sizes("x1")).toEqual([100, 100, 30]);
    expect(sizes("x2")).toEqual([5]);
    expect(sizes("yt")).toEqual([50, 1]);
    expect(sizes("tt")).toEqual([20, 20, 5]);
    expect(sizes("ig")).toEqual([1, 1, 1]);
  });
});

describe("a reading", () => {
  it("is missing when the platform gave no number at all, and zero engagement is not missing", () => {
    expect(isMissing(cleanReading({}))).toBe(true);
    expect(isMissing(cleanReading({ likes: 0 }))).toBe(false);
  });

  it("keeps whole non-negative numbers, reads YouTube's strings and sums interactions without views", () => {
    const r = cleanReading({ views: "1200", likes: 10, comments: 2.4, shares: -1, saves: 3, clicks: null });
    expect(r).toEqual({ views: 1200, likes: 10, comments: 2, shares: null, saves: 3, clicks: null });
    expect(interactionsOf(r)).toBe(15);
  });
});
