import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, Unit, User } from "@/generated/prisma/client";
import { loadActor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { isoToDay, localDay } from "@/server/engagement/days";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { buildBoard } from "@/server/leaderboard/build-board";
import { defaultWeights } from "@/lib/activity-index";
import { loadUnitDetail } from "@/server/leaderboard/load-unit-detail";
import { resolvePeriod } from "@/server/leaderboard/period";
import { queryBoardStats } from "@/server/leaderboard/query-board-stats";
import { createUser } from "../../factories/users";
import { account, at, createTree, target } from "./world";

// A small peer group with readings recorded through the incremental path; the board (which reads only
// roll-ups) must agree with a brute-force computation from the raw targets and snapshots.

const period = resolvePeriod({ kind: "custom", from: "2026-10-01", to: "2026-10-30" });
let root: Unit;
let units: Unit[];
let author: User;
const accounts: SocialAccount[] = [];

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

beforeAll(async () => {
  const tree = await createTree(3, "Polres Papan");
  root = tree.root;
  units = tree.children;
  author = tree.author;
  const rand = seeded(7);
  for (const [i, unit] of units.entries()) {
    for (const platform of ["X", "INSTAGRAM"] as const) {
      const acc = await account(unit, platform, 1_000 * (i + 1));
      accounts.push(acc);
      // Unit A posts most days, B some, C only in the previous period and once, late, this period.
      const days = i === 0 ? 24 : i === 1 ? 10 : 0;
      for (let d = 0; d < days; d++) {
        const scheduledAt = at(
          `2026-10-${String(1 + Math.floor(rand() * 29)).padStart(2, "0")}T0${Math.floor(rand() * 9)}:00:00Z`,
        );
        const failed = rand() < 0.1;
        const late = rand() < 0.2;
        const t = await target(author, acc, {
          scheduledAt,
          publishedAt: new Date(scheduledAt.getTime() + (late ? 20 : 2) * 60_000),
          status: failed ? "FAILED" : "PUBLISHED",
        });
        if (failed) continue;
        await syncOutcomes(db, { now: at("2026-11-20T00:00:00Z"), lookbackDays: 120, accountIds: [acc.id] });
        for (let r = 1; r <= 3; r++) {
          const missing = platform === "INSTAGRAM" && r === 1;
          const likes = Math.floor(rand() * 50 * r * (i + 1));
          await db.$transaction((tx) =>
            recordSnapshot(tx, {
              targetId: t.id,
              takenAt: new Date(scheduledAt.getTime() + r * 3_600_000),
              reading: missing ? null : { views: likes * 10, likes, comments: r, shares: i, saves: null, clicks: null },
            }),
          );
        }
      }
      if (i === 2) {
        await target(author, acc, { scheduledAt: at("2026-09-10T02:00:00Z") });
        await target(author, acc, { scheduledAt: at("2026-10-29T02:00:00Z"), publishedAt: at("2026-10-29T03:00:00Z") });
      }
      await db.followerSnapshot.create({
        data: {
          accountId: acc.id,
          day: isoToDay("2026-10-30"),
          followers: 2_000 * (i + 1),
          takenAt: at("2026-10-30T00:00:00Z"),
        },
      });
    }
  }
  await syncOutcomes(db, { now: at("2026-11-20T00:00:00Z"), lookbackDays: 120, accountIds: accounts.map((a) => a.id) });
});

/** What the board should say, from the raw rows: latest non-missing reading per post, counted by local day. */
async function bruteForce(unit: Unit, p = period) {
  const accs = accounts.filter((a) => a.unitId === unit.id);
  const targets = await db.postTarget.findMany({
    where: { accountId: { in: accs.map((a) => a.id) } },
    include: { metricSnapshots: { orderBy: { takenAt: "desc" } } },
  });
  const inPeriod = (d: Date | null) =>
    d !== null && localDay(d, unit.timeZone) >= p.from && localDay(d, unit.timeZone) <= p.to;
  const published = targets.filter((t) => t.status === "PUBLISHED" && inPeriod(t.publishedAt));
  const failed = targets.filter((t) => t.status === "FAILED" && inPeriod(t.scheduledAt));
  const interactionsOf = (t: (typeof targets)[number]) => {
    const s = t.metricSnapshots.find((x) =>
      [x.views, x.likes, x.comments, x.shares, x.saves, x.clicks].some((v) => v !== null),
    );
    return s ? (s.likes ?? 0) + (s.comments ?? 0) + (s.shares ?? 0) + (s.saves ?? 0) + (s.clicks ?? 0) : 0;
  };
  const values = published.map(interactionsOf).sort((a, b) => a - b);
  const mid = values.length / 2;
  const median =
    values.length === 0 ? null : values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
  const activeDays = new Set(published.map((t) => `${t.accountId}:${localDay(t.publishedAt!, unit.timeZone)}`)).size;
  return {
    published: published.length,
    onTime: published.filter((t) => t.publishedAt!.getTime() - t.scheduledAt!.getTime() <= 5 * 60_000).length,
    failed: failed.length,
    interactions: published.reduce((s, t) => s + interactionsOf(t), 0),
    activeDays,
    median,
  };
}

describe("the leaderboard query", () => {
  it("reads from the roll-ups exactly what the raw rows say, for every unit of the group", async () => {
    const stats = await queryBoardStats(db, { peers: { kind: "children", parentId: root.id }, level: "unit", period });
    expect(stats.map((s) => s.name).sort()).toEqual(units.map((u) => u.name).sort());
    for (const unit of units) {
      const s = stats.find((x) => x.key === unit.id)!;
      const expected = await bruteForce(unit);
      expect(
        {
          published: s.cur.published,
          onTime: s.cur.onTime,
          failed: s.cur.failed,
          interactions: s.cur.interactions,
          activeDays: s.cur.activeDays,
          median: s.cur.median,
        },
        unit.name,
      ).toEqual(expected);
      expect(s.cur.followers).toBe(2 * 2_000 * (units.indexOf(unit) + 1));
    }
    expect(stats.find((x) => x.key === units[0]!.id)!.cur.published).toBeGreaterThan(10);
  });

  it("agrees with the raw rows when the period has whole months (monthly roll-ups and sorted lists) and days at the ends", async () => {
    for (const [from, to] of [
      ["2026-10-01", "2026-10-31"],
      ["2026-09-05", "2026-11-03"],
      ["2026-08-01", "2026-10-15"],
    ] as const) {
      const p = resolvePeriod({ kind: "custom", from, to });
      const stats = await queryBoardStats(db, {
        peers: { kind: "children", parentId: root.id },
        level: "unit",
        period: p,
      });
      for (const unit of units) {
        const s = stats.find((x) => x.key === unit.id)!;
        expect(
          {
            published: s.cur.published,
            onTime: s.cur.onTime,
            failed: s.cur.failed,
            interactions: s.cur.interactions,
            activeDays: s.cur.activeDays,
            median: s.cur.median,
          },
          `${unit.name} ${from}..${to}`,
        ).toEqual(await bruteForce(unit, p));
      }
    }
    // The previous period of October 1–31 is September 1–30, a whole month too: C posted once on each account.
    const oct = await queryBoardStats(db, {
      peers: { kind: "children", parentId: root.id },
      level: "unit",
      period: resolvePeriod({ kind: "custom", from: "2026-10-01", to: "2026-10-31" }),
    });
    expect(oct.find((x) => x.key === units[2]!.id)!.prev).toMatchObject({ published: 2, activeDays: 2, median: 0 });
  });

  it("ranks the busiest, best-heard unit first and shows movement against the previous period", async () => {
    const board = await buildBoard(
      db,
      { peers: { kind: "children", parentId: root.id }, level: "unit", period },
      defaultWeights,
    );
    const byName = Object.fromEntries(board.map((r) => [r.name, r]));
    const [a, b, c] = units.map((u) => byName[u.name]!);
    expect(a!.rank).toBe(1);
    expect(c!.rank).toBe(3);
    expect(b!.rank).toBe(2);
    // Only C posted in September, so it led then and A and B shared second place: A climbed one.
    expect([c!.prevRank, a!.prevRank, b!.prevRank]).toEqual([1, 2, 2]);
    // C's only post this period was late; its reliability is 0 and both its accounts count as active
    // (a post on 29 October is within the 14 days before the 30th).
    expect(c!.values.reliability).toBe(0);
    expect(c!.dormant).toBe(0);
  });

  it("ranks accounts within their platform, and flags an account without a post in 14 days as dormant", async () => {
    // C posted on 10 September: active for a period ending on the 22nd, which A (nothing since August) is not.
    const early = resolvePeriod({ kind: "custom", from: "2026-09-01", to: "2026-09-22" });
    const board = await buildBoard(
      db,
      { peers: { kind: "subtree", path: root.path }, level: "account", period: early },
      defaultWeights,
    );
    expect(new Set(board.map((r) => r.group))).toEqual(new Set(["X", "INSTAGRAM"]));
    for (const g of ["X", "INSTAGRAM"]) expect(board.filter((r) => r.group === g)).toHaveLength(3);
    const cAccounts = board.filter((r) => r.unitId === units[2]!.id);
    expect(cAccounts.map((r) => [r.group, r.dormant, r.rank]).sort()).toEqual([
      ["INSTAGRAM", 0, 1],
      ["X", 0, 1],
    ]);
    expect(board.filter((r) => r.unitId === units[0]!.id).map((r) => r.dormant)).toEqual([1, 1]);
  });

  it("keeps another Polda's accounts out of a Kapolres's drill-down, on the server", async () => {
    const kapolres = await createUser(db, { memberships: [{ unitId: units[0]!.id, role: "LEADERSHIP" }] });
    const actor = (await loadActor(kapolres.id))!;
    const q = { period: "custom" as const, from: "2026-10-01", to: "2026-10-30", view: "units" as const };
    const own = await loadUnitDetail(actor, units[0]!.id, q);
    expect(own.accounts).toHaveLength(2);
    await expect(loadUnitDetail(actor, units[1]!.id, q)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
