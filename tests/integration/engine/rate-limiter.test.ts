import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "@/generated/prisma/enums";
import type { LimitWindow } from "@/platforms/limits";
import { env } from "@/server/env";
import { createRateLimiter } from "@/worker/rate-limiter";

// The limiter reserves for many jobs in one Redis call; each reservation must still see the ones
// taken before it, take a slot in all its windows or in none, and give its slot back on release.

const prefix = `siar-limiter-${randomBytes(3).toString("hex")}`;
const MINUTE = 60_000;
const limits = {
  X: [
    { scope: "account", limit: 2, windowMs: MINUTE },
    { scope: "app", limit: 3, windowMs: MINUTE },
  ],
  FACEBOOK_PAGE: [],
  INSTAGRAM: [],
  LINE_OA: [],
  YOUTUBE: [],
  TIKTOK: [{ scope: "account", limit: 3, windowMs: MINUTE }],
} satisfies Record<Platform, LimitWindow[]>;

describe("publishing rate limiter", () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(env().REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("lets exactly the limit through when many jobs of one account ask at once, and tells the rest how long to wait", async () => {
    const limiter = createRateLimiter(redis, prefix, limits);
    const account = randomUUID();
    const got = await Promise.all(Array.from({ length: 5 }, (_, i) => limiter.reserve("TIKTOK", account, `t${i}`)));
    expect(got.filter((r) => r.waitMs === 0)).toHaveLength(3);
    for (const r of got.filter((x) => x.waitMs > 0)) expect(r.waitMs).toBeLessThanOrEqual(MINUTE);
    expect((await limiter.reserve("TIKTOK", randomUUID(), "other")).waitMs).toBe(0);
  });

  it("takes a slot in every window or in none, and frees it on release", async () => {
    const limiter = createRateLimiter(redis, `${prefix}-x`, limits);
    const [a, b] = [randomUUID(), randomUUID()];
    const got = await Promise.all([
      limiter.reserve("X", a, "a1"),
      limiter.reserve("X", a, "a2"),
      limiter.reserve("X", b, "b1"),
      limiter.reserve("X", b, "b2"),
    ]);
    expect(got.map((r) => r.waitMs === 0)).toEqual([true, true, true, false]);
    // b2 was refused by the app window, so it holds nothing in b's own window either.
    expect(await redis.zcard(`${prefix}-x:limit:X:${b}:${MINUTE}`)).toBe(1);
    await got[2].release();
    expect((await limiter.reserve("X", b, "b3")).waitMs).toBe(0);
  });

  it("does not limit platforms without published limits", async () => {
    const limiter = createRateLimiter(redis, prefix, limits);
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiter.reserve("FACEBOOK_PAGE", randomUUID(), `f${i}`)),
    );
    expect(got.map((r) => r.waitMs)).toEqual(Array.from({ length: 20 }, () => 0));
  });
});
