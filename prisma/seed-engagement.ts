import type { Tx } from "@/server/db";
import { checkpointsSec } from "@/server/engagement/next-poll-time";
import { rebuildRollups } from "@/server/engagement/rollup-backfill";

/**
 * Engagement history for the demo's published targets, so the dashboards and the leaderboard have
 * something to show on first start: readings on the collector's own schedule up to now, growing towards
 * a total that depends on the account's followers and on how well its unit does (some units are heard
 * far better than others), in each platform's own shape (LINE has clicks, not likes; YouTube no shares),
 * with Instagram's first readings missing ("not enough viewers") and some Instagram posts never getting a
 * number at all. Then 60 days of follower history and the roll-ups. Everything is SQL on the server:
 * a few hundred thousand rows in a few seconds.
 */
export async function seedEngagement(tx: Tx): Promise<{ snapshots: number }> {
  const checkpoints = [...checkpointsSec];
  const snapshots = await tx.$executeRaw`
    insert into metric_snapshots (target_id, taken_at, views, likes, comments, shares, saves, clicks, raw)
    select t.id, t.published_at + make_interval(secs => c.cp),
      case when miss then null when a.platform = 'FACEBOOK_PAGE' then null else (total * 18 * g)::int end,
      case when miss or a.platform = 'LINE_OA' then null else (total * 0.72 * g)::int end,
      case when miss or a.platform = 'LINE_OA' then null else (total * 0.1 * g)::int end,
      case when miss or a.platform in ('LINE_OA', 'YOUTUBE') then null else (total * 0.14 * g)::int end,
      case when miss or a.platform not in ('INSTAGRAM', 'X') then null else (total * 0.04 * g)::int end,
      case when a.platform = 'LINE_OA' then (total * g)::int end,
      jsonb_build_object('seed', true)
    from post_targets t
    join social_accounts a on a.id = t.account_id
    join units u on u.id = a.unit_id
    -- A stable number per post from things the demo seed itself fixes (handle and scheduled hour).
    cross join lateral (select abs(hashtext(a.handle || to_char(t.scheduled_at at time zone 'UTC', 'YYYYMMDDHH24'))) % 1000 / 1000.0 as r,
                               0.2 + (abs(hashtext(u.code)) % 100) / 40.0 as unit_factor) h
    cross join lateral (select greatest(3, coalesce(a.follower_count, 5000) * 0.004 * h.unit_factor * (0.4 + h.r)) as total) s
    cross join unnest(${checkpoints}::int[]) with ordinality as c(cp, i)
    cross join lateral (select 1 - exp(-c.cp / 21600.0) as g,
                               a.platform = 'INSTAGRAM' and (c.i <= 2 or h.r < 0.05) as miss) shape
    where t.status = 'PUBLISHED' and t.published_at + make_interval(secs => c.cp) <= now()`;

  await tx.$executeRaw`
    insert into follower_snapshots (account_id, day, followers, taken_at)
    select a.id, ((now() - make_interval(days => d)) at time zone u.time_zone)::date - date '1970-01-01',
           greatest(0, (a.follower_count * (1 - 0.0015 * d))::int), now() - make_interval(days => d)
    from social_accounts a join units u on u.id = a.unit_id cross join generate_series(0, 60) d
    where a.follower_count is not null
    on conflict (account_id, day) do nothing`;

  await rebuildRollups(tx);
  // The demo's history never went through the emulator, so the collector has nothing to ask about it;
  // only what is published from now on is read.
  await tx.$executeRaw`update target_metrics set next_poll_at = null where next_poll_at is not null`;
  return { snapshots };
}
