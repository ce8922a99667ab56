import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, Unit, User } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { rebuildRollups } from "@/server/engagement/rollup-backfill";
import { createUnit } from "../../factories/units";
import { account, at, createTree, target } from "./world";

// The dashboard's subtree roll-ups (unit_daily_stats, decision 0012) are kept by triggers as readings,
// outcomes and moves arrive; at every step they must equal a computation from the raw rows: the targets'
// outcomes and each published post's latest non-missing reading, summed over every account below a unit.

const reading = (likes: number, comments: number, views: number | null = null) => ({
  views,
  likes,
  comments,
  shares: null,
  saves: null,
  clicks: null,
});

type Line = {
  unit: string;
  day: number;
  platform: string;
  pub: number;
  onTime: number;
  failed: number;
  views: number;
  interactions: number;
};

let root: Unit;
let polresA: Unit;
let polresB: Unit;
let polsek: Unit;
let author: User;
let onRoot: SocialAccount;
let onA: SocialAccount;
let onPolsek: SocialAccount;
let onB: SocialAccount;

beforeAll(async () => {
  const t = await createTree(2, "Polda Subtree");
  root = t.root;
  [polresA, polresB] = t.children as [Unit, Unit];
  author = t.author;
  polsek = await createUnit(db, { name: "Polsek Subtree", kind: "Polsek", parent: polresA });
  onRoot = await account(root, "X");
  onA = await account(polresA, "INSTAGRAM");
  onPolsek = await account(polsek, "INSTAGRAM");
  onB = await account(polresB, "FACEBOOK_PAGE");
});

const units = () => [root.id, polresA.id, polresB.id, polsek.id];

/** What the table holds for this test's units, zero rows left out. */
async function stored(): Promise<Line[]> {
  const rows = await db.$queryRaw<Line[]>`
    select unit_id::text as unit, day, platform::text as platform, posts_published as pub, posts_on_time as "onTime",
      posts_failed as failed, views::int as views, interactions::int as interactions
    from unit_daily_stats
    where unit_id = any(${units()}::uuid[])
      and (posts_published, posts_on_time, posts_failed, views, interactions) <> (0, 0, 0, 0, 0)
    order by 1, 2, 3`;
  return rows;
}

/** The same from the raw rows: outcomes of the targets and the latest non-missing snapshot of each post. */
async function fromRaw(): Promise<Line[]> {
  return db.$queryRaw<Line[]>`
    select anc::text as unit, ((coalesce(case when t.status = 'PUBLISHED' then t.published_at end, t.scheduled_at) at time zone u.time_zone)::date - date '1970-01-01') as day,
      a.platform::text as platform,
      (count(*) filter (where t.status = 'PUBLISHED'))::int as pub,
      (count(*) filter (where t.status = 'PUBLISHED' and t.published_at - t.scheduled_at <= interval '5 minutes'))::int as "onTime",
      (count(*) filter (where t.status = 'FAILED'))::int as failed,
      coalesce(sum(l.views) filter (where t.status = 'PUBLISHED'), 0)::int as views,
      coalesce(sum(l.i) filter (where t.status = 'PUBLISHED'), 0)::int as interactions
    from post_targets t
    join social_accounts a on a.id = t.account_id
    join units u on u.id = a.unit_id
    cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) anc
    left join lateral (
      select s.views, coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0) + coalesce(s.saves, 0) + coalesce(s.clicks, 0) as i
      from metric_snapshots s
      where s.target_id = t.id and coalesce(s.views, s.likes, s.comments, s.shares, s.saves, s.clicks) is not null
      order by s.taken_at desc limit 1
    ) l on true
    where t.status in ('PUBLISHED', 'FAILED') and anc = any(${units()}::uuid[])
    group by 1, 2, 3
    order by 1, 2, 3`;
}

describe("subtree roll-ups", () => {
  it("equal the raw rows after outcomes, readings, a missing reading, a retried failure and moves", async () => {
    const accounts = [onRoot, onA, onPolsek, onB];
    const sync = (iso: string) =>
      syncOutcomes(db, { now: at(iso), lookbackDays: 30, accountIds: accounts.map((a) => a.id) });
    const targets = [
      await target(author, onRoot, { scheduledAt: at("2026-11-20T02:00:00Z") }),
      await target(author, onA, { scheduledAt: at("2026-11-20T03:00:00Z"), publishedAt: at("2026-11-20T03:20:00Z") }),
      await target(author, onPolsek, { scheduledAt: at("2026-11-20T04:00:00Z") }),
      await target(author, onPolsek, { scheduledAt: at("2026-11-21T04:00:00Z"), status: "FAILED" }),
      await target(author, onB, { scheduledAt: at("2026-11-21T05:00:00Z") }),
    ];
    await sync("2026-11-22T00:00:00Z");
    expect(await stored()).toEqual(await fromRaw());
    // The Polda's line for Instagram holds the Polres's and the Polsek's posts: the subtree, not the unit.
    const poldaIg = (await stored()).filter((l) => l.unit === root.id && l.platform === "INSTAGRAM");
    expect(poldaIg.reduce((s, l) => s + l.pub + l.failed, 0)).toBe(3);

    const readings = [
      [1, reading(10, 2, 300)],
      [2, reading(4, 0, 50)],
      [1, reading(30, 5, 900)],
      [4, reading(7, 1)],
    ] as const;
    for (const [j, [i, r]] of readings.entries()) {
      await db.$transaction((tx) =>
        recordSnapshot(tx, { targetId: targets[i]!.id, takenAt: at(`2026-11-22T0${j}:00:00Z`), reading: r }),
      );
    }
    await db.$transaction((tx) =>
      recordSnapshot(tx, {
        targetId: targets[2]!.id,
        takenAt: at("2026-11-22T09:00:00Z"),
        reading: { views: null, likes: null, comments: null, shares: null, saves: null, clicks: null },
      }),
    );
    expect(await stored()).toEqual(await fromRaw());

    // The failure retried and published later: it moves from the failed count to the published one.
    await db.postTarget.update({
      where: { id: targets[3]!.id },
      data: {
        status: "PUBLISHED",
        publishedAt: at("2026-11-21T06:00:00Z"),
        platformPostId: `retried-${targets[3]!.id}`,
      },
    });
    await sync("2026-11-22T10:00:00Z");
    expect(await stored()).toEqual(await fromRaw());

    // An account moved to another Polres (any code path: the trigger sees the row change).
    await db.socialAccount.update({ where: { id: onPolsek.id }, data: { unitId: polresB.id } });
    expect(await stored()).toEqual(await fromRaw());
    // A unit moved with its subtree, as updateUnit rewrites the paths.
    await db.socialAccount.update({ where: { id: onPolsek.id }, data: { unitId: polsek.id } });
    await db.$executeRaw`
      update units set path = ${polresB.path} || substring(path from ${polresA.path.length + 1}::int), depth = depth + 1
      where path like ${`${polsek.path}%`}`;
    await db.unit.update({ where: { id: polsek.id }, data: { parentId: polresB.id } });
    const lines = await stored();
    expect(lines).toEqual(await fromRaw());
    expect(lines.some((l) => l.unit === polresB.id && l.platform === "INSTAGRAM")).toBe(true);
    const polresAInstagram = lines.filter((l) => l.unit === polresA.id && l.platform === "INSTAGRAM");
    expect(polresAInstagram.reduce((s, l) => s + l.pub + l.failed, 0)).toBe(1);

    // A rebuild of these accounts' roll-ups goes through the same triggers and changes nothing.
    await db.$transaction((tx) => rebuildRollups(tx, { accountIds: accounts.map((a) => a.id) }));
    expect(await stored()).toEqual(lines);
  });
});
