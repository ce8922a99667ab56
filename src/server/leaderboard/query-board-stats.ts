import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { Db } from "@/server/db";
import { splitMonths, type MonthSplit } from "@/server/leaderboard/months";
import { DORMANT_DAYS, type Period } from "@/server/leaderboard/period";

export type PeriodStats = {
  published: number;
  onTime: number;
  failed: number;
  interactions: number;
  views: number;
  /** Account-days with at least one published post. */
  activeDays: number;
  median: number | null;
  followers: number | null;
  /** Citizens' items decided in the period (replied, or past their deadline) and those replied in time. */
  responsesDue: number;
  responsesOnTime: number;
};

export type PeerStats = {
  key: string;
  name: string;
  code: string;
  unitId: string;
  unitName: string;
  platform: Platform | null;
  accounts: number;
  dormant: number;
  lastPostDay: number | null;
  cur: PeriodStats;
  prev: PeriodStats;
};

export type BoardScope = {
  /** The units directly below a parent (a peer group), or every unit of a subtree (for account boards). */
  peers: { kind: "children"; parentId: string } | { kind: "subtree"; path: string };
  level: "unit" | "account";
  /** For a peer group of units: judged on their own accounts (default) or on every account of their subtree. */
  basis?: "own" | "all";
  period: Period;
  platform?: Platform;
};

type Num = number | null;
type Row = {
  key: string;
  name: string;
  code: string;
  unit_id: string;
  unit_name: string;
  platform: Platform | null;
  accounts: number;
  dormant: number;
  last_post: Num;
  followers: Num;
  p_followers: Num;
  pub: Num;
  on_time: Num;
  failed: Num;
  interactions: Num;
  views: Num;
  active_days: Num;
  median: Num;
  p_pub: Num;
  p_on_time: Num;
  p_failed: Num;
  p_interactions: Num;
  p_views: Num;
  p_active_days: Num;
  p_median: Num;
  r_due: Num;
  r_on_time: Num;
  p_r_due: Num;
  p_r_on_time: Num;
};

/**
 * Everything the activity index needs for one board, for the period and the one before, in one statement
 * that reads only roll-ups: monthly and daily account totals, each post's latest interactions (sorted per
 * month, and through a covering index for the days outside whole months) and follower history. Units are judged on the
 * accounts they own themselves, or with `basis: "all"` on every account of their subtree (docs/decisions/0010).
 */
export async function queryBoardStats(db: Db, scope: BoardScope): Promise<PeerStats[]> {
  const { period: p } = scope;
  const dormantFrom = p.to - DORMANT_DAYS + 1;
  // `u` is the unit an account counts for: its own unit, or with basis "all" the peer whose subtree holds it.
  const rollUp = scope.peers.kind === "children" && scope.basis === "all";
  const from =
    scope.peers.kind === "children" && rollUp
      ? Prisma.sql`social_accounts a join units au on au.id = a.unit_id
          join units u on u.parent_id = ${scope.peers.parentId}::uuid and au.path like u.path || '%'`
      : Prisma.sql`social_accounts a join units u on u.id = a.unit_id`;
  const peers = rollUp
    ? Prisma.sql`true`
    : scope.peers.kind === "children"
      ? Prisma.sql`u.parent_id = ${scope.peers.parentId}::uuid`
      : Prisma.sql`u.path like ${`${scope.peers.path}%`}`;
  const platform = scope.platform ? Prisma.sql`and a.platform = ${scope.platform}::"Platform"` : Prisma.empty;
  const key = Prisma.raw(scope.level === "unit" ? "acc.unit_id" : "acc.account_id");
  // A period is its whole calendar months (monthly roll-ups, each month's interactions kept sorted) plus the
  // days left at either end (daily roll-ups; posts through the covering index): a year is ~12 + ~30 rows per
  // account instead of 365 days and ~325 posts. Each account is read through its own index ranges, so a
  // small group touches only its own rows however large the tables grow.
  const cur = splitMonths(p.from, p.to);
  const prev = splitMonths(p.prevFrom, p.prevTo);
  const sums = (isCur: boolean, split: MonthSplit) => [
    ...(split.months
      ? [
          Prisma.sql`
      select ${isCur}::boolean as cur, m.posts_published as pub, m.posts_on_time as on_time, m.posts_failed as failed,
        m.interactions, m.views, m.active_days
      from account_monthly_stats m where m.account_id = acc.account_id and m.month between ${split.months[0]} and ${split.months[1]}`,
        ]
      : []),
    ...split.days.map(
      ([a, b]) => Prisma.sql`
      select ${isCur}::boolean as cur, d.posts_published as pub, d.posts_on_time as on_time, d.posts_failed as failed,
        d.interactions, d.views, (d.posts_published > 0)::int as active_days
      from account_daily_stats d where d.account_id = acc.account_id and d.day between ${a} and ${b}`,
    ),
  ];
  const sumRows = [...sums(true, cur), ...sums(false, prev)];
  // Exact medians, the same number as percentile_cont(0.5) over the posts themselves: the whole months' sorted
  // lists concatenated, with the end days' posts, sorted once in C (intarray), then the middle one or two.
  const median = (split: MonthSplit) => {
    if (!split.months && !split.days.length) return Prisma.sql`null::float8`;
    const months = split.months
      ? Prisma.sql`(select int4_concat(m.published_interactions) from account_monthly_stats m
          where m.account_id = any(peers.account_ids) and m.month between ${split.months[0]} and ${split.months[1]})`
      : Prisma.sql`null::int[]`;
    const days = split.days.length
      ? Prisma.sql`(select array_agg(e.v) from (${Prisma.join(
          split.days.map(
            ([a, b]) => Prisma.sql`
          select d.interactions as v from target_metrics d
          where d.account_id = any(peers.account_ids) and d.day between ${a} and ${b} and d.outcome = 'PUBLISHED'`,
          ),
          " union all ",
        )}) e)`
      : Prisma.sql`null::int[]`;
    // offset 0 keeps the sorted list computed once, not once per reference.
    return Prisma.sql`(select case when z.n = 0 then null when z.n % 2 = 1 then z.s[(z.n + 1) / 2]::float8
        else z.s[z.n / 2]::float8 + 0.5 * (z.s[z.n / 2 + 1]::float8 - z.s[z.n / 2]::float8) end
      from (select y.s, coalesce(cardinality(y.s), 0) as n from (select sort_asc(array_cat(${months}, ${days})) as s offset 0) y) z)`;
  };
  // The rows come back as one JSON document: decoding 1,000 rows × 25 columns value by value through the
  // driver adapter cost more than the query's own aggregation (decision 0004).
  const query = Prisma.sql`
    with acc as materialized (
      select a.id as account_id, u.id as unit_id, a.platform, a.display_name, a.handle, u.name as unit_name, u.code as unit_code,
        coalesce((select f.followers from follower_snapshots f where f.account_id = a.id and f.day <= ${p.to} order by f.day desc limit 1), a.follower_count) as followers,
        coalesce((select f.followers from follower_snapshots f where f.account_id = a.id and f.day <= ${p.prevTo} order by f.day desc limit 1), a.follower_count) as p_followers,
        (select max(d.day) from account_daily_stats d where d.account_id = a.id and d.day between ${dormantFrom} and ${p.to} and d.posts_published > 0) as last_post
      from ${from}
      where ${peers} and a.status <> 'DISABLED' ${platform}
    ),
    per_account as (
      select acc.*, s.*, rs.* from acc cross join lateral (
        select
          sum(x.pub) filter (where x.cur) as pub, sum(x.on_time) filter (where x.cur) as on_time,
          sum(x.failed) filter (where x.cur) as failed, sum(x.interactions) filter (where x.cur) as interactions,
          sum(x.views) filter (where x.cur) as views, sum(x.active_days) filter (where x.cur) as active_days,
          sum(x.pub) filter (where not x.cur) as p_pub, sum(x.on_time) filter (where not x.cur) as p_on_time,
          sum(x.failed) filter (where not x.cur) as p_failed, sum(x.interactions) filter (where not x.cur) as p_interactions,
          sum(x.views) filter (where not x.cur) as p_views, sum(x.active_days) filter (where not x.cur) as p_active_days
        from (${Prisma.join(sumRows, " union all ")}) x
      ) s
      -- Responsivitas from its daily roll-up (one row per account and day with citizens' items).
      cross join lateral (
        select sum(r.due) filter (where r.day >= ${p.from}) as r_due, sum(r.on_time) filter (where r.day >= ${p.from}) as r_on_time,
          sum(r.due) filter (where r.day <= ${p.prevTo}) as p_r_due, sum(r.on_time) filter (where r.day <= ${p.prevTo}) as p_r_on_time
        from account_daily_responses r where r.account_id = acc.account_id and r.day between ${p.prevFrom} and ${p.to}
      ) rs
    ),
    peers as (
      select ${key} as key, array_agg(acc.account_id) as account_ids,
        min(${scope.level === "unit" ? Prisma.sql`acc.unit_name` : Prisma.sql`acc.display_name`}) as name,
        min(${scope.level === "unit" ? Prisma.sql`acc.unit_code` : Prisma.sql`acc.handle`}) as code,
        min(acc.unit_id::text) as unit_id, min(acc.unit_name) as unit_name,
        ${scope.level === "unit" ? Prisma.sql`null` : Prisma.sql`min(acc.platform::text)`} as platform,
        count(*)::int as accounts, (count(*) - count(acc.last_post))::int as dormant, max(acc.last_post) as last_post,
        sum(acc.followers)::float8 as followers, sum(acc.p_followers)::float8 as p_followers,
        sum(acc.pub)::float8 as pub, sum(acc.on_time)::float8 as on_time, sum(acc.failed)::float8 as failed,
        sum(acc.interactions)::float8 as interactions, sum(acc.views)::float8 as views, sum(acc.active_days)::int as active_days,
        sum(acc.p_pub)::float8 as p_pub, sum(acc.p_on_time)::float8 as p_on_time, sum(acc.p_failed)::float8 as p_failed,
        sum(acc.p_interactions)::float8 as p_interactions, sum(acc.p_views)::float8 as p_views, sum(acc.p_active_days)::int as p_active_days,
        sum(acc.r_due)::float8 as r_due, sum(acc.r_on_time)::float8 as r_on_time,
        sum(acc.p_r_due)::float8 as p_r_due, sum(acc.p_r_on_time)::float8 as p_r_on_time
      from per_account acc
      group by 1
    )
    select coalesce(json_agg(r), '[]')::text as rows from (
      select peers.key::text as key, peers.name, peers.code, peers.unit_id, peers.unit_name, peers.platform, peers.accounts, peers.dormant,
        peers.last_post, peers.followers, peers.p_followers,
        peers.pub, peers.on_time, peers.failed, peers.interactions, peers.views, peers.active_days, ${median(cur)} as median,
        peers.p_pub, peers.p_on_time, peers.p_failed, peers.p_interactions, peers.p_views, peers.p_active_days, ${median(prev)} as p_median,
        peers.r_due, peers.r_on_time, peers.p_r_due, peers.p_r_on_time
      from peers) r`;
  // One statement, no transaction: JIT is off and work_mem 32 MB on every connection of Siar's pool
  // (src/server/db.ts). The board ran in a transaction of its own to set them, which held a connection for
  // three round trips; under 50 users at once the pool's 10 connections ran out and the wait for a
  // transaction expired (500s in `npm run bench:web`, decision 0012).
  const answer = await db.$queryRaw<{ rows: string }[]>(query);
  const rows = JSON.parse(answer[0]?.rows ?? "[]") as Row[];
  const n = (v: Num) => v ?? 0;
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    code: r.code,
    unitId: r.unit_id,
    unitName: r.unit_name,
    platform: r.platform,
    accounts: r.accounts,
    dormant: r.dormant,
    lastPostDay: r.last_post,
    cur: {
      published: n(r.pub),
      onTime: n(r.on_time),
      failed: n(r.failed),
      interactions: n(r.interactions),
      views: n(r.views),
      activeDays: n(r.active_days),
      median: r.median,
      followers: r.followers,
      responsesDue: n(r.r_due),
      responsesOnTime: n(r.r_on_time),
    },
    prev: {
      published: n(r.p_pub),
      onTime: n(r.p_on_time),
      failed: n(r.p_failed),
      interactions: n(r.p_interactions),
      views: n(r.p_views),
      activeDays: n(r.p_active_days),
      median: r.p_median,
      followers: r.p_followers,
      responsesDue: n(r.p_r_due),
      responsesOnTime: n(r.p_r_on_time),
    },
  }));
}
