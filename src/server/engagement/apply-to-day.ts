import "server-only";
import type { Tx } from "@/server/db";
import { monthStart } from "@/server/leaderboard/months";

export type DayDelta = {
  published: number;
  onTime: number;
  failed: number;
  views: number;
  interactions: number;
  /** A published post's latest interactions leaving (remove) or entering (add) the month's sorted list. */
  remove?: number | null;
  add?: number | null;
};

export type DayChange = { accountId: string; day: number; delta: DayDelta };

const byAccountThen =
  <T extends { accountId: string }>(key: (r: T) => number) =>
  (a: T, b: T) =>
    a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : key(a) - key(b);

/**
 * Roll-up writers (outcome counting, readings) take this lock first, in their transaction: they then
 * never wait on each other's rows in opposite orders. Collection runs are short, and one runs at a time.
 */
export async function lockRollups(tx: Tx): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${ROLLUP_LOCK}::bigint)`;
}

/** "siar-rollups" as one 64-bit advisory lock key. */
const ROLLUP_LOCK = 0x5349_4152_524fn;

/** Adds a change to one account-day roll-up and to its month. */
export async function applyToDay(tx: Tx, accountId: string, day: number, delta: DayDelta): Promise<void> {
  await applyToDays(tx, [{ accountId, day, delta }]);
}

/**
 * Adds many changes to their account-day roll-ups and months in two statements, however many there are
 * (a collection run counting a post published on 1,000 accounts). Only increments, and for each month's
 * sorted interactions the values that leave (one occurrence each) and those that enter: concurrent
 * collectors on the same rows queue on the row locks and neither loses the other's change. Locks are
 * taken months first, then days, each in (account, day) order, so two runs cannot deadlock, nor a run
 * and a reading that moves a post between two days of one month.
 */
export async function applyToDays(tx: Tx, changes: readonly DayChange[]): Promise<void> {
  if (changes.length === 0) return;
  type DayRow = {
    accountId: string;
    day: number;
    published: number;
    onTime: number;
    failed: number;
    views: number;
    interactions: number;
  };
  type ListValue = { accountId: string; month: number; v: number };
  const days = new Map<string, DayRow>();
  const months = new Map<string, { accountId: string; month: number }>();
  const adds: ListValue[] = [];
  const removes: ListValue[] = [];
  for (const { accountId, day, delta: d } of changes) {
    const key = `${accountId}:${day}`;
    const row = days.get(key) ?? { accountId, day, published: 0, onTime: 0, failed: 0, views: 0, interactions: 0 };
    row.published += d.published;
    row.onTime += d.onTime;
    row.failed += d.failed;
    row.views += d.views;
    row.interactions += d.interactions;
    days.set(key, row);
    const month = monthStart(day);
    months.set(`${accountId}:${month}`, { accountId, month });
    if (d.add !== null && d.add !== undefined) adds.push({ accountId, month, v: d.add });
    if (d.remove !== null && d.remove !== undefined) removes.push({ accountId, month, v: d.remove });
  }
  const dayRows = [...days.values()].sort(byAccountThen((r) => r.day));
  const monthRows = [...months.values()].sort(byAccountThen((r) => r.month));

  await tx.$executeRaw`
    insert into account_monthly_stats as m (account_id, month, updated_at)
    select x.account_id, x.month, now()
    from unnest(${monthRows.map((r) => r.accountId)}::uuid[], ${monthRows.map((r) => r.month)}::int[]) with ordinality as x(account_id, month, i)
    order by x.i
    on conflict (account_id, month) do update set updated_at = now()`;

  // A day's new published count says whether it became (or stopped being) a day with a post.
  await tx.$executeRaw`
    with input as (
      select * from unnest(${dayRows.map((r) => r.accountId)}::uuid[], ${dayRows.map((r) => r.day)}::int[],
        ${dayRows.map((r) => r.published)}::int[], ${dayRows.map((r) => r.onTime)}::int[], ${dayRows.map((r) => r.failed)}::int[],
        ${dayRows.map((r) => r.views)}::bigint[], ${dayRows.map((r) => r.interactions)}::bigint[])
        with ordinality as x(account_id, day, published, on_time, failed, views, interactions, i)
    ), d as (
      insert into account_daily_stats as s (account_id, day, posts_published, posts_on_time, posts_failed, views, interactions, updated_at)
      select account_id, day, published, on_time, failed, views, interactions, now() from input order by i
      on conflict (account_id, day) do update set
        posts_published = s.posts_published + excluded.posts_published,
        posts_on_time = s.posts_on_time + excluded.posts_on_time,
        posts_failed = s.posts_failed + excluded.posts_failed,
        views = s.views + excluded.views,
        interactions = s.interactions + excluded.interactions,
        updated_at = now()
      returning s.account_id, s.day, s.posts_published
    ), per_month as (
      select i.account_id, (date_trunc('month', date '1970-01-01' + i.day)::date - date '1970-01-01') as month,
        sum(i.published)::int as published, sum(i.on_time)::int as on_time, sum(i.failed)::int as failed,
        sum(i.views)::bigint as views, sum(i.interactions)::bigint as interactions,
        sum((d.posts_published > 0)::int - (d.posts_published - i.published > 0)::int)::int as active_days
      from input i join d on d.account_id = i.account_id and d.day = i.day
      group by 1, 2
    ), adds as (
      select * from unnest(${adds.map((a) => a.accountId)}::uuid[], ${adds.map((a) => a.month)}::int[], ${adds.map((a) => a.v)}::int[]) as a(account_id, month, v)
    ), removes as (
      select r.*, row_number() over (partition by r.account_id, r.month, r.v) as n
      from unnest(${removes.map((r) => r.accountId)}::uuid[], ${removes.map((r) => r.month)}::int[], ${removes.map((r) => r.v)}::int[]) as r(account_id, month, v)
    )
    update account_monthly_stats m set
      posts_published = m.posts_published + p.published,
      posts_on_time = m.posts_on_time + p.on_time,
      posts_failed = m.posts_failed + p.failed,
      views = m.views + p.views,
      interactions = m.interactions + p.interactions,
      active_days = m.active_days + p.active_days,
      published_interactions = case
        when not exists (select 1 from adds a where a.account_id = m.account_id and a.month = m.month)
         and not exists (select 1 from removes r where r.account_id = m.account_id and r.month = m.month)
        then m.published_interactions
        else (
          select coalesce(array_agg(x.v order by x.v), '{}') from (
            select l.v from (select u.v, row_number() over (partition by u.v) as n from unnest(m.published_interactions) u(v)) l
            where not exists (select 1 from removes r where r.account_id = m.account_id and r.month = m.month and r.v = l.v and r.n = l.n)
            union all
            select a.v from adds a where a.account_id = m.account_id and a.month = m.month
          ) x)
        end,
      updated_at = now()
    from per_month p
    where m.account_id = p.account_id and m.month = p.month`;
}
