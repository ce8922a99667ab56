import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, User } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { isoToDay } from "@/server/engagement/days";
import { recordOutcome, syncOutcomes } from "@/server/engagement/record-outcome";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { rebuildRollups } from "@/server/engagement/rollup-backfill";
import { monthStart } from "@/server/leaderboard/months";
import { account, at, createTree, target } from "./world";

const reading = (likes: number, comments: number, shares: number, views: number | null = null) => ({
  views,
  likes,
  comments,
  shares,
  saves: null,
  clicks: null,
});

let author: User;
let ig: SocialAccount;
let x: SocialAccount;

beforeAll(async () => {
  const t = await createTree(1, "Polres Rollup");
  author = t.author;
  ig = await account(t.children[0]!, "INSTAGRAM", 1_000);
  x = await account(t.children[0]!, "X", 500);
});

const day = (accountId: string, iso: string) =>
  db.accountDailyStat.findUnique({ where: { accountId_day: { accountId, day: isoToDay(iso) } } });

describe("outcomes in the daily roll-up", () => {
  it("counts a published target once, on its local day (WIB), on time when within 5 minutes", async () => {
    // 23:30 UTC on 1 Nov is 06:30 on 2 Nov in Jakarta.
    const onTime = await target(author, x, {
      scheduledAt: at("2026-11-01T23:30:00Z"),
      publishedAt: at("2026-11-01T23:34:00Z"),
    });
    const late = await target(author, x, {
      scheduledAt: at("2026-11-02T01:00:00Z"),
      publishedAt: at("2026-11-02T01:06:00Z"),
    });
    const failed = await target(author, x, { scheduledAt: at("2026-11-02T02:00:00Z"), status: "FAILED" });
    for (const t of [onTime, late, failed])
      expect(await db.$transaction((tx) => recordOutcome(tx, t.id))).toBe("recorded");
    expect(await db.$transaction((tx) => recordOutcome(tx, onTime.id))).toBe("unchanged");

    const row = await day(x.id, "2026-11-02");
    expect(row).toMatchObject({ postsPublished: 2, postsOnTime: 1, postsFailed: 1, interactions: 0n });
    expect(await day(x.id, "2026-11-01")).toBeNull();
  });

  it("moves a failure that was retried and published from the failed count to the published count", async () => {
    const t = await target(author, x, { scheduledAt: at("2026-11-05T03:00:00Z"), status: "FAILED" });
    await syncOutcomes(db, { now: at("2026-11-05T04:00:00Z"), accountIds: [x.id] });
    expect(await day(x.id, "2026-11-05")).toMatchObject({ postsFailed: 1, postsPublished: 0 });
    await db.postTarget.update({
      where: { id: t.id },
      data: { status: "PUBLISHED", publishedAt: at("2026-11-05T05:00:00Z"), platformPostId: "retried" },
    });
    await syncOutcomes(db, { now: at("2026-11-05T06:00:00Z"), accountIds: [x.id] });
    expect(await day(x.id, "2026-11-05")).toMatchObject({ postsFailed: 0, postsPublished: 1, postsOnTime: 0 });
  });
});

describe("many outcomes counted in one run", () => {
  it("gives the same days and months as counting them one at a time, and agrees with a rebuild", async () => {
    const t = await createTree(2, "Polres Sekaligus");
    // The same history on two pairs of accounts: one pair counted target by target, the other in one run.
    const pairs = [
      [await account(t.children[0]!, "X"), await account(t.children[1]!, "FACEBOOK_PAGE")],
      [await account(t.children[0]!, "X"), await account(t.children[1]!, "FACEBOOK_PAGE")],
    ] as const;
    const history = async ([a, b]: readonly [SocialAccount, SocialAccount]) => [
      await target(t.author, a, { scheduledAt: at("2026-10-30T02:00:00Z") }),
      await target(t.author, a, { scheduledAt: at("2026-10-30T04:00:00Z"), publishedAt: at("2026-10-30T04:30:00Z") }),
      await target(t.author, a, { scheduledAt: at("2026-10-30T05:00:00Z"), status: "FAILED" }),
      await target(t.author, a, { scheduledAt: at("2026-11-01T02:00:00Z") }),
      await target(t.author, b, { scheduledAt: at("2026-11-01T02:00:00Z") }),
      await target(t.author, b, { scheduledAt: at("2026-11-03T02:00:00Z") }),
    ];
    const one = await history(pairs[0]);
    const many = await history(pairs[1]);
    for (const tg of one) await db.$transaction((tx) => recordOutcome(tx, tg.id, at("2026-11-04T00:00:00Z")));
    expect(
      await syncOutcomes(db, {
        now: at("2026-11-04T00:00:00Z"),
        lookbackDays: 30,
        accountIds: pairs[1].map((a) => a.id),
      }),
    ).toBe(6);

    // Readings give two posts of one month the same interactions; then one of them turns out FAILED and
    // leaves the month's sorted list, which must lose one 7, not both.
    for (const set of [one, many]) {
      await db.$transaction((tx) =>
        recordSnapshot(tx, { targetId: set[0]!.id, takenAt: at("2026-10-30T03:00:00Z"), reading: reading(5, 1, 1) }),
      );
      await db.$transaction((tx) =>
        recordSnapshot(tx, { targetId: set[1]!.id, takenAt: at("2026-10-30T05:00:00Z"), reading: reading(4, 2, 1) }),
      );
      await db.postTarget.update({ where: { id: set[0]!.id }, data: { status: "FAILED", publishedAt: null } });
      // The failure on 30 Oct was retried and published on 1 Nov: it moves to another day and month.
      await db.postTarget.update({
        where: { id: set[2]!.id },
        data: { status: "PUBLISHED", publishedAt: at("2026-11-01T03:00:00Z"), platformPostId: `retried-${set[2]!.id}` },
      });
    }
    for (const i of [0, 2]) await db.$transaction((tx) => recordOutcome(tx, one[i]!.id, at("2026-11-04T01:00:00Z")));
    expect(
      await syncOutcomes(db, {
        now: at("2026-11-04T01:00:00Z"),
        lookbackDays: 30,
        accountIds: pairs[1].map((a) => a.id),
      }),
    ).toBe(2);

    const rows = async (accs: readonly SocialAccount[]) => {
      const ids = accs.map((a) => a.id);
      const slot = (id: string) => ids.indexOf(id);
      const days = await db.accountDailyStat.findMany({ where: { accountId: { in: ids } }, orderBy: [{ day: "asc" }] });
      const months = await db.accountMonthlyStat.findMany({
        where: { accountId: { in: ids } },
        orderBy: [{ month: "asc" }],
      });
      return {
        days: days
          .map(({ updatedAt: _, accountId, ...r }) => ({ slot: slot(accountId), ...r }))
          .sort((p, q) => p.slot - q.slot || p.day - q.day),
        months: months
          .map(({ updatedAt: _, accountId, ...r }) => ({ slot: slot(accountId), ...r }))
          .sort((p, q) => p.slot - q.slot || p.month - q.month),
      };
    };
    const byOne = await rows(pairs[0]);
    const byMany = await rows(pairs[1]);
    expect(byMany).toEqual(byOne);
    const october = byMany.months.find((m) => m.slot === 0 && m.month === monthStart(isoToDay("2026-10-30")));
    expect(october).toMatchObject({ postsPublished: 1, postsFailed: 1, activeDays: 1, publishedInteractions: [7] });
    const november = byMany.months.find((m) => m.slot === 0 && m.month === monthStart(isoToDay("2026-11-01")));
    expect(november).toMatchObject({ postsPublished: 2, postsFailed: 0, activeDays: 1 });

    await db.$transaction((tx) => rebuildRollups(tx, { accountIds: pairs[1].map((a) => a.id) }));
    expect(await rows(pairs[1])).toEqual(byMany);
  });
});

describe("readings update the roll-up incrementally", () => {
  it("adds the difference since the last reading, keeps each post's latest value, and ignores a missing reading", async () => {
    const a = await target(author, ig, { scheduledAt: at("2026-11-10T02:00:00Z") });
    const b = await target(author, ig, { scheduledAt: at("2026-11-10T05:00:00Z") });
    await syncOutcomes(db, { now: at("2026-11-10T06:00:00Z"), accountIds: [ig.id] });

    await db.$transaction((tx) =>
      recordSnapshot(tx, { targetId: a.id, takenAt: at("2026-11-10T02:15:00Z"), reading: reading(10, 2, 1, 300) }),
    );
    await db.$transaction((tx) =>
      recordSnapshot(tx, { targetId: b.id, takenAt: at("2026-11-10T05:15:00Z"), reading: reading(4, 0, 0, 50) }),
    );
    await db.$transaction((tx) =>
      recordSnapshot(tx, { targetId: a.id, takenAt: at("2026-11-10T03:00:00Z"), reading: reading(30, 5, 5, 900) }),
    );
    expect(await day(ig.id, "2026-11-10")).toMatchObject({ postsPublished: 2, interactions: 44n, views: 950n });
    const latest = await db.targetMetrics.findMany({
      where: { targetId: { in: [a.id, b.id] } },
      orderBy: { interactions: "asc" },
    });
    expect(latest.map((m) => m.interactions)).toEqual([4, 40]);

    // Instagram: "not enough viewers" — a snapshot of nulls, the numbers stay as they were.
    const r = await db.$transaction((tx) =>
      recordSnapshot(tx, {
        targetId: b.id,
        takenAt: at("2026-11-10T06:00:00Z"),
        reading: { views: null, likes: null, comments: null, shares: null, saves: null, clicks: null },
      }),
    );
    expect(r.missing).toBe(true);
    expect(await day(ig.id, "2026-11-10")).toMatchObject({ interactions: 44n, views: 950n });
    const snaps = await db.metricSnapshot.findMany({ where: { targetId: b.id }, orderBy: { takenAt: "asc" } });
    expect(snaps.map((s) => s.likes)).toEqual([4, null]);
    expect(await db.targetMetrics.findUnique({ where: { targetId: b.id } })).toMatchObject({
      likes: 4,
      interactions: 4,
      readings: 2,
      missing: 1,
    });
  });

  it("schedules the next reading on the decaying schedule from the reading's time", async () => {
    const t = await target(author, ig, { scheduledAt: at("2026-11-12T00:00:00Z") });
    await syncOutcomes(db, { now: at("2026-11-12T00:01:00Z"), accountIds: [ig.id] });
    expect((await db.targetMetrics.findUnique({ where: { targetId: t.id } }))!.nextPollAt).toEqual(
      at("2026-11-12T00:15:00Z"),
    );
    await db.$transaction((tx) =>
      recordSnapshot(tx, { targetId: t.id, takenAt: at("2026-11-12T03:10:00Z"), reading: reading(1, 0, 0) }),
    );
    expect((await db.targetMetrics.findUnique({ where: { targetId: t.id } }))!.nextPollAt).toEqual(
      at("2026-11-12T04:00:00Z"),
    );
    await db.$transaction((tx) =>
      recordSnapshot(tx, { targetId: t.id, takenAt: at("2026-12-12T00:00:00Z"), reading: reading(1, 0, 0) }),
    );
    expect((await db.targetMetrics.findUnique({ where: { targetId: t.id } }))!.nextPollAt).toBeNull();
  });

  it("agrees with a rebuild from the raw snapshots", async () => {
    const before = await db.accountDailyStat.findMany({
      where: { accountId: { in: [ig.id, x.id] } },
      orderBy: [{ accountId: "asc" }, { day: "asc" }],
    });
    const latestBefore = await db.targetMetrics.findMany({
      where: { accountId: { in: [ig.id, x.id] } },
      orderBy: { targetId: "asc" },
    });
    const months = () =>
      db.accountMonthlyStat.findMany({
        where: { accountId: { in: [ig.id, x.id] } },
        orderBy: [{ accountId: "asc" }, { month: "asc" }],
      });
    const monthsBefore = await months();
    await db.$transaction((tx) => rebuildRollups(tx, { accountIds: [ig.id, x.id] }));
    const after = await db.accountDailyStat.findMany({
      where: { accountId: { in: [ig.id, x.id] } },
      orderBy: [{ accountId: "asc" }, { day: "asc" }],
    });
    const latestAfter = await db.targetMetrics.findMany({
      where: { accountId: { in: [ig.id, x.id] } },
      orderBy: { targetId: "asc" },
    });
    const strip = <T extends { updatedAt: Date }>(rows: T[]) => rows.map(({ updatedAt: _, ...rest }) => rest);
    expect(before.length).toBeGreaterThan(0);
    expect(strip(after)).toEqual(strip(before));
    // Months kept incrementally (sums, days with a post, each published post's latest interactions sorted) = rebuilt.
    const monthsAfter = await months();
    expect(monthsBefore.length).toBeGreaterThan(0);
    expect(strip(monthsAfter)).toEqual(strip(monthsBefore));
    const published = latestAfter.filter((m) => m.outcome === "PUBLISHED");
    for (const m of monthsAfter) {
      const days = after.filter((d) => d.accountId === m.accountId && monthStart(d.day) === m.month);
      expect(m.postsPublished).toBe(days.reduce((s, d) => s + d.postsPublished, 0));
      expect(m.activeDays).toBe(days.filter((d) => d.postsPublished > 0).length);
      expect(m.interactions).toBe(days.reduce((s, d) => s + d.interactions, 0n));
      expect(m.publishedInteractions).toEqual(
        published
          .filter((t) => t.accountId === m.accountId && monthStart(t.day) === m.month)
          .map((t) => t.interactions)
          .sort((a, b) => a - b),
      );
    }
    expect(strip(latestAfter).map((m) => ({ ...m, lastError: null }))).toEqual(
      strip(latestBefore).map((m) => ({ ...m, lastError: null })),
    );
  });
});
