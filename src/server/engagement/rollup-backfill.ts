import "server-only";
// No "server-only" marker: the demo seed and the benchmark run this outside Next.js.
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { checkpointsSec } from "@/server/engagement/next-poll-time";
import { ON_TIME_MS } from "@/server/engagement/on-time";

const notMissing = Prisma.sql`coalesce(s.views, s.likes, s.comments, s.shares, s.saves, s.clicks) is not null`;

/**
 * Rebuilds target_metrics, account_daily_stats, account_monthly_stats, unit_daily_stats and account_last_posts
 * from post_targets and the raw snapshots, with the same rules as the incremental path (latest non-missing
 * reading; day of publishing, or of the schedule for a failure; the next checkpoint after the last reading).
 * For the seed, the bench and repairs; `accountIds` limits it to some accounts. Returns the time each step
 * took, in milliseconds.
 */
export async function rebuildRollups(
  db: Tx,
  options: { accountIds?: string[] } = {},
): Promise<{ targetsMs: number; daysMs: number }> {
  const ids = options.accountIds;
  const onTargets = ids ? Prisma.sql`and t.account_id = any(${ids}::uuid[])` : Prisma.empty;
  const onSnapshots = ids
    ? Prisma.sql`where s.target_id in (select id from post_targets where account_id = any(${ids}::uuid[]))`
    : Prisma.empty;
  const onMetrics = ids ? Prisma.sql`where m.account_id = any(${ids}::uuid[])` : Prisma.empty;
  const onStats = ids ? Prisma.sql`where account_id = any(${ids}::uuid[])` : Prisma.empty;
  const checkpoints = [...checkpointsSec];
  // One pass over every snapshot groups by post; with the default work_mem that spills to disk.
  await db.$executeRaw`set local work_mem = '256MB'`;
  // A full rebuild rebuilds the subtree roll-ups in one pass at the end, instead of through the triggers
  // on account_daily_stats row batch by row batch; a partial one lets the triggers keep them.
  if (!ids) await db.$executeRaw`select set_config('siar.rollup_rebuild', 'on', true)`;
  const started = performance.now();

  await db.$executeRaw`
    delete from target_metrics m using post_targets t
    where t.id = m.target_id and t.status not in ('PUBLISHED', 'FAILED') ${onTargets}`;
  await db.$executeRaw`
    insert into target_metrics (target_id, account_id, day, outcome, on_time, published_at, views, likes, comments, shares, saves, clicks,
                                interactions, readings, missing, last_read_at, next_poll_at, updated_at)
    select t.id, t.account_id,
      ((coalesce(case when t.status = 'PUBLISHED' then t.published_at end, t.scheduled_at, t.updated_at) at time zone u.time_zone)::date - date '1970-01-01'),
      t.status,
      t.status = 'PUBLISHED' and t.scheduled_at is not null and t.published_at - t.scheduled_at <= make_interval(secs => ${ON_TIME_MS / 1000}),
      case when t.status = 'PUBLISHED' then t.published_at end,
      l.views, l.likes, l.comments, l.shares, l.saves, l.clicks,
      coalesce(l.likes, 0) + coalesce(l.comments, 0) + coalesce(l.shares, 0) + coalesce(l.saves, 0) + coalesce(l.clicks, 0),
      coalesce(c.n, 0), coalesce(c.missing, 0), c.last_at,
      case when t.status = 'PUBLISHED' then (
        select t.published_at + make_interval(secs => cp) from unnest(${checkpoints}::int[]) cp
        where t.published_at + make_interval(secs => cp) > coalesce(c.last_at, t.published_at) order by cp limit 1) end,
      now()
    from post_targets t
    join social_accounts a on a.id = t.account_id
    join units u on u.id = a.unit_id
    left join (
      select s.target_id, count(*)::int as n, (count(*) filter (where not (${notMissing})))::int as missing,
             max(s.taken_at) as last_at, max(s.taken_at) filter (where ${notMissing}) as last_ok
      from metric_snapshots s ${onSnapshots} group by s.target_id
    ) c on c.target_id = t.id
    left join lateral (
      select s.* from metric_snapshots s where s.target_id = t.id and s.taken_at = c.last_ok limit 1
    ) l on true
    where t.status in ('PUBLISHED', 'FAILED') ${onTargets}
    on conflict (target_id) do update set account_id = excluded.account_id, day = excluded.day, outcome = excluded.outcome,
      on_time = excluded.on_time, published_at = excluded.published_at, views = excluded.views, likes = excluded.likes,
      comments = excluded.comments, shares = excluded.shares, saves = excluded.saves, clicks = excluded.clicks,
      interactions = excluded.interactions, readings = excluded.readings, missing = excluded.missing,
      last_read_at = excluded.last_read_at, next_poll_at = excluded.next_poll_at, updated_at = now()`;
  const targetsDone = performance.now();

  await db.$executeRaw`delete from account_daily_stats ${onStats}`;
  await db.$executeRaw`
    insert into account_daily_stats (account_id, day, posts_published, posts_on_time, posts_failed, views, interactions, updated_at)
    select m.account_id, m.day,
      count(*) filter (where m.outcome = 'PUBLISHED'),
      count(*) filter (where m.outcome = 'PUBLISHED' and m.on_time),
      count(*) filter (where m.outcome = 'FAILED'),
      coalesce(sum(m.views) filter (where m.outcome = 'PUBLISHED'), 0),
      coalesce(sum(m.interactions) filter (where m.outcome = 'PUBLISHED'), 0),
      now()
    from target_metrics m ${onMetrics}
    group by m.account_id, m.day`;
  // Months: sums of the days just built, and each month's published interactions sorted.
  const month = (day: Prisma.Sql) =>
    Prisma.sql`(date_trunc('month', date '1970-01-01' + ${day})::date - date '1970-01-01')`;
  await db.$executeRaw`delete from account_monthly_stats ${onStats}`;
  await db.$executeRaw`
    insert into account_monthly_stats (account_id, month, posts_published, posts_on_time, posts_failed, views, interactions, active_days, published_interactions, updated_at)
    select s.account_id, s.month, s.pub, s.on_time, s.failed, s.views, s.interactions, s.active_days, coalesce(p.sorted, '{}'), now()
    from (
      select d.account_id, ${month(Prisma.sql`d.day`)} as month, sum(d.posts_published) as pub, sum(d.posts_on_time) as on_time,
        sum(d.posts_failed) as failed, sum(d.views) as views, sum(d.interactions) as interactions,
        count(*) filter (where d.posts_published > 0) as active_days
      from account_daily_stats d ${onStats} group by 1, 2
    ) s left join (
      select m.account_id, ${month(Prisma.sql`m.day`)} as month, array_agg(m.interactions order by m.interactions) as sorted
      from target_metrics m where m.outcome = 'PUBLISHED' ${ids ? Prisma.sql`and m.account_id = any(${ids}::uuid[])` : Prisma.empty}
      group by 1, 2
    ) p on p.account_id = s.account_id and p.month = s.month`;
  if (!ids) {
    await db.$executeRaw`delete from unit_daily_stats`;
    await db.$executeRaw`
      insert into unit_daily_stats (unit_id, day, platform, posts_published, posts_on_time, posts_failed, views, interactions)
      select anc, d.day, a.platform, sum(d.posts_published), sum(d.posts_on_time), sum(d.posts_failed), sum(d.views), sum(d.interactions)
      from account_daily_stats d
      join social_accounts a on a.id = d.account_id
      join units u on u.id = a.unit_id
      cross join lateral unnest(siar_path_units(u.path)) anc
      group by 1, 2, 3`;
    await db.$executeRaw`delete from account_last_posts`;
    await db.$executeRaw`
      insert into account_last_posts (account_id, day)
      select account_id, max(day) from account_daily_stats where posts_published > 0 group by 1`;
    await db.$executeRaw`select set_config('siar.rollup_rebuild', 'off', true)`;
  }
  return { targetsMs: targetsDone - started, daysMs: performance.now() - targetsDone };
}
