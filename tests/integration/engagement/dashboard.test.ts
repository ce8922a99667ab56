import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient, SocialAccount, Unit, User } from "@/generated/prisma/client";
import { loadActor } from "@/server/auth/guards";
import { loadDashboard } from "@/server/dashboard/load-dashboard";
import { client, db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { account, at, createTree, target } from "./world";

let root: Unit;
let children: Unit[];
let author: User;
let x: SocialAccount;
let ig: SocialAccount;
const q = { period: "custom" as const, from: "2026-10-20", to: "2026-10-26", view: "units" as const };

beforeAll(async () => {
  const tree = await createTree(2, "Polres Dasbor");
  ({ root, children, author } = tree);
  x = await account(children[0]!, "X");
  ig = await account(children[0]!, "INSTAGRAM");
  // Polres B's account never posts: dormant.
  await account(children[1]!, "X");
  // This week: two on-time X posts, one late Instagram post, one failure; the week before: one X post.
  const posts = [
    { acc: x, at: "2026-10-21T02:00:00Z", delayMin: 1, likes: 10 },
    { acc: x, at: "2026-10-24T02:00:00Z", delayMin: 2, likes: 30 },
    { acc: ig, at: "2026-10-25T02:00:00Z", delayMin: 9, likes: 5 },
    { acc: x, at: "2026-10-15T02:00:00Z", delayMin: 1, likes: 100 },
  ];
  for (const p of posts) {
    const t = await target(author, p.acc, {
      scheduledAt: at(p.at),
      publishedAt: new Date(at(p.at).getTime() + p.delayMin * 60_000),
    });
    await syncOutcomes(db, { now: at("2026-10-27T00:00:00Z"), accountIds: [p.acc.id] });
    await db.$transaction((tx) =>
      recordSnapshot(tx, {
        targetId: t.id,
        takenAt: new Date(at(p.at).getTime() + 3_600_000),
        reading: { views: p.likes * 10, likes: p.likes, comments: 1, shares: 0, saves: null, clicks: null },
      }),
    );
  }
  await target(author, ig, { scheduledAt: at("2026-10-22T02:00:00Z"), status: "FAILED" });
  await syncOutcomes(db, { now: at("2026-10-27T00:00:00Z"), accountIds: [ig.id] });
});

describe("the leadership dashboard", () => {
  it("sums the subtree's roll-ups for the period and the one before, by day and by platform, with dormant accounts", async () => {
    const leader = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
    ))!;
    const d = await loadDashboard(leader, { ...q, parent: root.id });
    expect(d.cur).toEqual({ published: 3, onTime: 2, failed: 1, interactions: 11 + 31 + 6, views: 100 + 300 + 50 });
    expect(d.prev).toEqual({ published: 1, onTime: 1, failed: 0, interactions: 101, views: 1000 });
    expect(d.series).toHaveLength(7);
    expect(d.series.find((s) => s.day === "2026-10-24")).toEqual({
      day: "2026-10-24",
      published: 1,
      failed: 0,
      interactions: 31,
    });
    expect(d.platforms.map((p) => [p.platform, p.accounts, p.published, p.dormant])).toEqual([
      ["X", 2, 2, 1],
      ["INSTAGRAM", 1, 1, 0],
    ]);
    expect(d.accounts).toBe(3);
    expect(d.dormant).toBe(1);
    expect(d.group?.rows.map((r) => r.name)).toEqual(["Polres Dasbor A", "Polres Dasbor B"]);
  });

  it("charts a year per week, each week the sum of its days", async () => {
    const leader = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
    ))!;
    const d = await loadDashboard(leader, { ...q, from: "2025-10-27", to: "2026-10-26", parent: root.id });
    expect(d.seriesPer).toBe("week");
    expect(d.series).toHaveLength(53);
    expect(d.series.at(-1)).toEqual({
      day: "2026-10-20",
      until: "2026-10-26",
      published: 3,
      failed: 1,
      interactions: 48,
    });
    expect(d.series.at(-2)).toEqual({
      day: "2026-10-13",
      until: "2026-10-19",
      published: 1,
      failed: 0,
      interactions: 101,
    });
    const sum = d.series.reduce((s, p) => s + p.published, 0);
    expect(sum).toBe(d.cur.published);
    // A week's figures are the same as the daily view's days summed.
    const week = await loadDashboard(leader, { ...q, parent: root.id });
    expect(week.seriesPer).toBe("day");
    expect(week.series.slice(0, 7).reduce((s, p) => s + p.interactions, 0)).toBe(48);
  });

  it("is refused for a subtree outside the reader's", async () => {
    const other = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: children[1]!.id, role: "LEADERSHIP" }] })).id,
    ))!;
    await expect(loadDashboard(other, { ...q, parent: root.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the dashboard's dormant accounts", () => {
  it("are those without a published post in the 14 days ending at the period's end, also for a period in the past", async () => {
    const t = await createTree(1, "Polres Lampau");
    const polres = t.children[0]!;
    const both = await account(polres, "X"); // in the 14 days and after the period: active
    const after = await account(polres, "X"); // only after the period: dormant then
    const before = await account(polres, "INSTAGRAM"); // only before the 14 days: dormant
    await account(polres, "INSTAGRAM"); // never: dormant
    const posts: [SocialAccount, string][] = [
      [both, "2026-10-14T03:00:00Z"], // the first of the 14 days ending on 26 October
      [both, "2026-11-05T03:00:00Z"],
      [after, "2026-11-05T03:00:00Z"],
      [before, "2026-10-12T03:00:00Z"],
    ];
    for (const [acc, iso] of posts) await target(t.author, acc, { scheduledAt: at(iso) });
    await syncOutcomes(db, {
      now: at("2026-11-06T00:00:00Z"),
      lookbackDays: 40,
      accountIds: [both.id, after.id, before.id],
    });
    const leader = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: t.root.id, role: "LEADERSHIP" }] })).id,
    ))!;
    const d = await loadDashboard(leader, { ...q, parent: t.root.id });
    expect(d.platforms.map((p) => [p.platform, p.accounts, p.dormant])).toEqual([
      ["X", 2, 1],
      ["INSTAGRAM", 2, 2],
    ]);
    // The same from the raw targets.
    const [raw] = await db.$queryRaw<{ dormant: number }[]>`
      select (count(*) filter (where not exists (
        select 1 from post_targets pt where pt.account_id = a.id and pt.status = 'PUBLISHED'
          and (pt.published_at at time zone 'Asia/Jakarta')::date between date '2026-10-13' and date '2026-10-26')))::int as dormant
      from social_accounts a where a.unit_id = ${polres.id}::uuid`;
    expect(d.dormant).toBe(raw!.dormant);
    expect(d.dormant).toBe(3);
    // A period ending after the last posts: only the two Instagram accounts.
    const later = await loadDashboard(leader, { ...q, from: "2026-11-01", to: "2026-11-07", parent: t.root.id });
    expect(later.dormant).toBe(2);
  });
});

describe("the dashboard's statements", () => {
  const holder = globalThis as unknown as { siarPrisma?: PrismaClient };
  const base = client();
  afterEach(() => {
    holder.siarPrisma = base;
  });
  async function statements(actorUnit: Unit, parent: string): Promise<number> {
    const leader = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: actorUnit.id, role: "LEADERSHIP" }] })).id,
    ))!;
    let n = 0;
    holder.siarPrisma = base.$extends({
      query: {
        $allOperations({ args, query }) {
          n++;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    await loadDashboard(leader, { ...q, parent });
    holder.siarPrisma = base;
    return n;
  }

  it("are as many for a subtree of 40 units and 80 accounts as for one of 3 units", async () => {
    const big = await createTree(8, "Polda Besar");
    for (const polres of big.children)
      for (let i = 0; i < 4; i++) {
        const polsek = await createUnit(db, { name: `${polres.name} Sektor ${i}`, kind: "Polsek", parent: polres });
        await account(polsek, "INSTAGRAM");
        await account(polsek, "FACEBOOK_PAGE");
      }
    const small = await statements(root, root.id);
    const large = await statements(big.root, big.root.id);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
