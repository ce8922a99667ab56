import "server-only";
import type { Tx } from "@/server/db";

export type DayDelta = {
  published: number; onTime: number; failed: number; views: number; interactions: number;
  /** A published post's latest interactions leaving (remove) or entering (add) the month's sorted list. */
  remove?: number | null; add?: number | null;
};

/**
 * Adds a change to one account-day roll-up and to its month, in one statement. Only increments (and, for
 * the month's sorted interactions, one value out and one in): concurrent collectors on the same account-day
 * queue on the row locks, always month then day, and neither loses the other's change.
 */
export async function applyToDay(tx: Tx, accountId: string, day: number, d: DayDelta): Promise<void> {
  const remove = d.remove ?? null;
  const add = d.add ?? null;
  // The month row is locked before the day row: a transaction that moves a post between two days of one
  // month (recordOutcome) and a reading on the second day then queue on the month instead of deadlocking.
  await tx.$executeRaw`
    insert into account_monthly_stats as m (account_id, month, updated_at)
    values (${accountId}::uuid, (date_trunc('month', date '1970-01-01' + ${day}::int)::date - date '1970-01-01'), now())
    on conflict (account_id, month) do update set updated_at = now()`;
  // The day's new published count says whether it became (or stopped being) a day with a post.
  await tx.$executeRaw`
    with day as (
      insert into account_daily_stats (account_id, day, posts_published, posts_on_time, posts_failed, views, interactions, updated_at)
      values (${accountId}::uuid, ${day}, ${d.published}, ${d.onTime}, ${d.failed}, ${d.views}, ${d.interactions}, now())
      on conflict (account_id, day) do update set
        posts_published = account_daily_stats.posts_published + excluded.posts_published,
        posts_on_time = account_daily_stats.posts_on_time + excluded.posts_on_time,
        posts_failed = account_daily_stats.posts_failed + excluded.posts_failed,
        views = account_daily_stats.views + excluded.views,
        interactions = account_daily_stats.interactions + excluded.interactions,
        updated_at = now()
      returning posts_published
    )
    insert into account_monthly_stats as m (account_id, month, posts_published, posts_on_time, posts_failed, views, interactions, active_days, published_interactions, updated_at)
    select ${accountId}::uuid, (date_trunc('month', date '1970-01-01' + ${day}::int)::date - date '1970-01-01'),
      ${d.published}, ${d.onTime}, ${d.failed}, ${d.views}, ${d.interactions},
      (day.posts_published > 0)::int - (day.posts_published - ${d.published}::int > 0)::int,
      case when ${add}::int is null then '{}'::int[] else array[${add}::int] end, now()
    from day
    on conflict (account_id, month) do update set
      posts_published = m.posts_published + excluded.posts_published,
      posts_on_time = m.posts_on_time + excluded.posts_on_time,
      posts_failed = m.posts_failed + excluded.posts_failed,
      views = m.views + excluded.views,
      interactions = m.interactions + excluded.interactions,
      active_days = m.active_days + excluded.active_days,
      published_interactions = case when ${remove}::int is null and ${add}::int is null then m.published_interactions else (
        select coalesce(array_agg(v order by v), '{}') from (
          select u.v from unnest(m.published_interactions) with ordinality u(v, i)
          where i is distinct from array_position(m.published_interactions, ${remove}::int)
          union all select ${add}::int where ${add}::int is not null
        ) x) end,
      updated_at = now()`;
}
