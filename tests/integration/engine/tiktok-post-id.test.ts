import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { expect, it, vi } from "vitest";
import { PUBLISHING_QUEUE, postIdJobId } from "@/jobs/contract";
import { statusPollLimits } from "@/platforms/limits";
import { createAdapters } from "@/platforms/registry";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { collectDueMetrics } from "@/server/engagement/collect-metrics";
import { fetchMetricsWith } from "@/server/engagement/platform-metrics";
import { fetchPostId } from "@/server/publishing/fetch-post-id";
import { createRateLimiter } from "@/worker/rate-limiter";
import { approveNewPost, engineSuite, history, queuePrefix, targetRow, testEngineConfig } from "./support/engine";

// TikTok names a public video only after moderation (docs/platforms.md "TikTok"): the target is PUBLISHED with
// "waiting for TikTok's id", a later job asks for the id within the token's status-poll limit, and fills in the
// id and the link (audited); engagement is read from then on. Nothing is ever initialised or uploaded twice.

const MINUTE = 60_000;
const STATUS = "tiktok POST /v2/post/publish/status/fetch/";
const INIT = "tiktok POST /v2/post/publish/video/init/";

const suite = engineSuite();

const hits = async (route: string) => (await suite.emu.arrivals()).hits[route] ?? 0;
const adapters = () => createAdapters(testEngineConfig(suite.emu).platforms);

/** Approves a TikTok video while moderation holds the ids back, and waits until it is PUBLISHED without one. */
async function publishedAwaitingId() {
  await suite.emu.config({ moderationPolls: 1_000_000 });
  const post = await approveNewPost(suite.world, { platform: "TIKTOK" });
  const t = post.targets[0]!;
  await vi.waitFor(async () => expect((await targetRow(t.id)).lastErrorKind).toBe("awaiting_post_id"), {
    timeout: 60_000,
    interval: 100,
  });
  return { ...post, t };
}

it("publishes once, waits for TikTok's id after moderation, then fills in the id and link (audited) and starts engagement", async () => {
  const inits = await hits(INIT);
  const { t, text } = await publishedAwaitingId();
  const waiting = await targetRow(t.id);
  expect(waiting).toMatchObject({ status: "PUBLISHED", platformPostId: null, platformUrl: null });
  expect(waiting.publishedAt).not.toBeNull();

  // No id, no engagement: the collector has nothing to ask TikTok about this video yet.
  const collect = (minutes: number) =>
    collectDueMetrics({
      fetchMetrics: fetchMetricsWith(adapters()),
      now: new Date(Date.now() + minutes * MINUTE),
      accountIds: [t.account.id],
    });
  await suite.emu.advanceClock(3 * 60 * MINUTE);
  expect((await collect(20)).readings).toBe(0);

  // Moderation passes: the next look finds the id, every one of its 19 digits.
  await suite.emu.config({ moderationPolls: 0 });
  await vi.waitFor(async () => expect((await targetRow(t.id)).platformPostId).not.toBeNull(), {
    timeout: 30_000,
    interval: 100,
  });
  const [arrived] = (await suite.emu.arrivals({ platform: "tiktok", account: t.account.platformAccountId })).posts;
  expect(arrived!.id).toMatch(/^\d{19}$/);
  expect(BigInt(arrived!.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  const row = await targetRow(t.id);
  expect(row).toMatchObject({ status: "PUBLISHED", platformPostId: arrived!.id, lastErrorKind: null });
  expect(row.platformUrl).toBe(`https://www.tiktok.com/@${t.account.handle}/video/${arrived!.id}`);
  expect(await history(t.id)).toEqual(["SCHEDULED", "PUBLISHING", "PUBLISHED", "POSTIDRECEIVED"]);
  const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: t.id, action: "target.postIdReceived" } });
  expect(entry.after).toMatchObject({ platformPostId: arrived!.id, platformUrl: row.platformUrl });

  expect((await collect(40)).readings).toBe(1);
  expect((await db.targetMetrics.findUniqueOrThrow({ where: { targetId: t.id } })).views).not.toBeNull();
  expect(await suite.emu.countOf("TIKTOK", t.account.platformAccountId, text)).toBe(1);
  expect(await hits(INIT)).toBe(inits + 1);
});

it("keeps asking through a 429 and a refused token (renewed once), never a second init or post", async () => {
  const inits = await hits(INIT);
  const { t, text } = await publishedAwaitingId();
  const id = t.account.platformAccountId;
  await suite.emu.fault({ platform: "tiktok", account: id, kind: "rate_limit", route: STATUS });
  await suite.emu.fault({ platform: "tiktok", account: id, kind: "unauthorized", route: STATUS });
  const before = await hits(STATUS);
  await vi.waitFor(async () => expect(await hits(STATUS)).toBeGreaterThanOrEqual(before + 2), { timeout: 30_000 });
  await suite.emu.config({ moderationPolls: 0 });
  await vi.waitFor(async () => expect((await targetRow(t.id)).platformPostId).not.toBeNull(), {
    timeout: 30_000,
    interval: 100,
  });
  const account = await db.socialAccount.findUniqueOrThrow({ where: { id: t.account.id } });
  expect(account.status).toBe("ACTIVE");
  expect(open(account.accessTokenEnc!)).not.toBe(`demo-access-${id}`);
  expect(await suite.emu.countOf("TIKTOK", id, text)).toBe(1);
  expect(await hits(INIT)).toBe(inits + 1);
});

it("asks no more than the account's share of TikTok's status-poll limit: a full window delays the look", async () => {
  const { t } = await publishedAwaitingId();
  // The account's 20 polls of this minute are taken (as by 20 other videos waiting for their ids).
  const redis = new Redis(env().REDIS_URL);
  const limiter = createRateLimiter(redis, `${queuePrefix}:status`, statusPollLimits);
  const taken = await Promise.all(
    Array.from({ length: 20 }, (_, i) => limiter.reserve("TIKTOK", t.account.id, `other-${i}`)),
  );
  const queue = new Queue(PUBLISHING_QUEUE, { connection: redis, prefix: queuePrefix });
  try {
    expect(taken.every((r) => r.waitMs === 0)).toBe(true);
    const before = await hits(STATUS);
    // Looks were due 0.2, 0.4, 0.8 and 1.6 s apart: each finds the window full and waits for it instead of asking.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await hits(STATUS)).toBe(before);
    const job = await queue.getJob(postIdJobId(t.id));
    expect(await job!.getState()).toBe("delayed");
    expect((await suite.emu.arrivals()).limitRefusals).toEqual({});
    // The window frees up: the look runs and the id comes.
    await Promise.all(taken.map((r) => r.release()));
    await suite.emu.config({ moderationPolls: 0 });
    await job!.promote();
    await vi.waitFor(async () => expect((await targetRow(t.id)).platformPostId).not.toBeNull(), {
      timeout: 30_000,
      interval: 100,
    });
  } finally {
    await queue.close();
    await redis.quit();
  }
});

it("stops waiting 72 hours after the video went out, with a note and an audit entry; the post stays published", async () => {
  const { t, text } = await publishedAwaitingId();
  const config = testEngineConfig(suite.emu, { postIdGiveUpMs: 72 * 60 * MINUTE });
  const step = await fetchPostId({
    targetId: t.id,
    check: 12,
    adapters: adapters(),
    config,
    reserve: async () => 0,
    now: new Date(Date.now() + 73 * 60 * MINUTE),
  });
  expect(step).toEqual({ kind: "done" });
  const row = await targetRow(t.id);
  expect(row).toMatchObject({ status: "PUBLISHED", platformPostId: null, lastErrorKind: "post_id_missing" });
  expect(row.lastError).toContain("72 h");
  expect(await history(t.id)).toEqual(["SCHEDULED", "PUBLISHING", "PUBLISHED", "POSTIDMISSING"]);
  // The worker's own next look finds nothing to wait for, and never sends the video again.
  await suite.emu.config({ moderationPolls: 0 });
  expect(await suite.emu.countOf("TIKTOK", t.account.platformAccountId, text)).toBe(1);
});
