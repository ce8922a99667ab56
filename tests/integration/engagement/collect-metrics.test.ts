import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, User } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { collectDueMetrics, type FetchMetrics } from "@/server/engagement/collect-metrics";
import { account, at, createTree, target } from "./world";

let author: User;
let x: SocialAccount;
let tiktok: SocialAccount;
let ig: SocialAccount;
const published = at("2026-11-15T01:00:00Z");

beforeAll(async () => {
  const t = await createTree(1, "Polres Koleksi");
  author = t.author;
  [x, tiktok, ig] = await Promise.all([
    account(t.children[0]!, "X"),
    account(t.children[0]!, "TIKTOK"),
    account(t.children[0]!, "INSTAGRAM"),
  ]);
});

type Call = { platform: string; ids: string[]; token: string };

describe("a collection run", () => {
  it("reads due targets in platform-sized batches with the account's decrypted token, and records what came back", async () => {
    const xTargets = await Promise.all(
      Array.from({ length: 130 }, () => target(author, x, { scheduledAt: published })),
    );
    const ttTargets = await Promise.all(
      Array.from({ length: 25 }, () => target(author, tiktok, { scheduledAt: published })),
    );
    const igTarget = await target(author, ig, { scheduledAt: published });
    const calls: Call[] = [];
    const fetchMetrics: FetchMetrics = async (req) => {
      calls.push({ platform: req.platform, ids: req.platformPostIds, token: req.credentials.accessToken });
      // Instagram has "not enough viewers" for this post: no numbers at all.
      if (req.platform === "INSTAGRAM")
        return { kind: "ok", metrics: [{ platformPostId: req.platformPostIds[0]!, views: null, likes: null }] };
      return {
        kind: "ok",
        metrics: req.platformPostIds.map((id, i) => ({
          platformPostId: id,
          views: 100,
          likes: i,
          comments: 1,
          shares: 0,
        })),
      };
    };

    // Published at 01:00: nothing is due before 01:15.
    const early = await collectDueMetrics({
      fetchMetrics,
      now: at("2026-11-15T01:10:00Z"),
      accountIds: [x.id, tiktok.id, ig.id],
    });
    expect(early).toMatchObject({ outcomes: 156, batches: 0 });

    const run = await collectDueMetrics({
      fetchMetrics,
      now: at("2026-11-15T01:16:00Z"),
      accountIds: [x.id, tiktok.id, ig.id],
    });
    expect(run).toMatchObject({ batches: 5, readings: 156, missing: 1, failedBatches: 0 });
    const sizes = (p: string) =>
      calls
        .filter((c) => c.platform === p)
        .map((c) => c.ids.length)
        .sort((a, b) => b - a);
    expect(sizes("X")).toEqual([100, 30]);
    expect(sizes("TIKTOK")).toEqual([20, 5]);
    expect(sizes("INSTAGRAM")).toEqual([1]);
    expect(calls.find((c) => c.platform === "X")!.token).toBe(`demo-access-${x.platformAccountId}`);

    const igMetrics = await db.targetMetrics.findUniqueOrThrow({ where: { targetId: igTarget.id } });
    expect(igMetrics).toMatchObject({
      readings: 1,
      missing: 1,
      likes: null,
      interactions: 0,
      nextPollAt: at("2026-11-15T01:30:00Z"),
    });
    const one = await db.targetMetrics.findUniqueOrThrow({ where: { targetId: xTargets[0]!.id } });
    expect(one.readings).toBe(1);
    expect(one.nextPollAt).toEqual(at("2026-11-15T01:30:00Z"));
    expect(await db.metricSnapshot.count({ where: { targetId: { in: ttTargets.map((t) => t.id) } } })).toBe(25);

    // Nothing is due again until 01:30.
    expect(
      await collectDueMetrics({ fetchMetrics, now: at("2026-11-15T01:20:00Z"), accountIds: [x.id, tiktok.id, ig.id] }),
    ).toMatchObject({ batches: 0 });
  });

  it("treats a failed request as no reading: nothing stored, retried after the platform's reset time", async () => {
    const t = await target(author, tiktok, { scheduledAt: at("2026-11-16T01:00:00Z") });
    const resetAt = at("2026-11-16T02:00:00Z");
    const fetchMetrics: FetchMetrics = async () => ({
      kind: "failed",
      error: { kind: "rate_limited", retryAt: resetAt, message: "rate_limit_exceeded" },
    });
    const run = await collectDueMetrics({ fetchMetrics, now: at("2026-11-16T01:20:00Z"), accountIds: [tiktok.id] });
    expect(run.failedBatches).toBeGreaterThan(0);
    expect(await db.metricSnapshot.count({ where: { targetId: t.id } })).toBe(0);
    expect(await db.targetMetrics.findUniqueOrThrow({ where: { targetId: t.id } })).toMatchObject({
      readings: 0,
      nextPollAt: resetAt,
      lastError: "rate_limited: rate_limit_exceeded",
    });
  });
});
