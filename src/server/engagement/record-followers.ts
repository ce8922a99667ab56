import "server-only";
import type { Db, Tx } from "@/server/db";

/**
 * Copies every account's current follower count (kept by the registry and the platform adapters) into
 * today's follower history, so engagement rate has a denominator for every day even on platforms
 * whose API has no follower endpoint. One statement; unchanged counts are not rewritten.
 */
export async function snapshotFollowers(db: Db | Tx, now = new Date()): Promise<number> {
  return db.$executeRaw`
    insert into follower_snapshots (account_id, day, followers, taken_at)
    select a.id, ((${now}::timestamptz at time zone u.time_zone)::date - date '1970-01-01'), a.follower_count, ${now}
    from social_accounts a join units u on u.id = a.unit_id
    where a.follower_count is not null and a.status <> 'DISABLED'
    on conflict (account_id, day) do update set followers = excluded.followers, taken_at = excluded.taken_at
      where follower_snapshots.followers <> excluded.followers`;
}
