import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TargetStatus } from "@/generated/prisma/enums";
import type { Db, Tx } from "@/server/db";
import { applyToDay, type DayDelta } from "@/server/engagement/apply-to-day";
import { localDay } from "@/server/engagement/days";
import { nextPollTime } from "@/server/engagement/next-poll-time";
import { ON_TIME_MS } from "@/server/engagement/on-time";


type Row = {
  status: TargetStatus; account_id: string; scheduled_at: Date | null; published_at: Date | null; time_zone: string;
  old_outcome: TargetStatus | null; old_day: number | null; old_on_time: boolean | null; old_views: number | null; old_interactions: number | null;
};

const contribution = (outcome: TargetStatus, onTime: boolean, views: number, interactions: number, sign: 1 | -1): DayDelta =>
  outcome === "PUBLISHED"
    ? { published: sign, onTime: onTime ? sign : 0, failed: 0, views: sign * views, interactions: sign * interactions, ...(sign > 0 ? { add: interactions } : { remove: interactions }) }
    : { published: 0, onTime: 0, failed: sign, views: 0, interactions: 0 };

/**
 * Counts a target's outcome (PUBLISHED or FAILED) in its day's roll-up, once; a target that changes outcome
 * (a failure retried and published) moves from one count to the other. Published targets get their first
 * metrics reading scheduled. The publishing engine may call this inside its own transaction; the collector
 * also sweeps for outcomes it has not seen (syncOutcomes), so a missed call only delays the numbers.
 */
export async function recordOutcome(tx: Tx, targetId: string, now = new Date()): Promise<"recorded" | "unchanged" | "ignored"> {
  const [row] = await tx.$queryRaw<Row[]>`
    select t.status, t.account_id, t.scheduled_at, t.published_at, u.time_zone,
           m.outcome as old_outcome, m.day as old_day, m.on_time as old_on_time, m.views as old_views, m.interactions as old_interactions
    from post_targets t
    join social_accounts a on a.id = t.account_id
    join units u on u.id = a.unit_id
    left join target_metrics m on m.target_id = t.id
    where t.id = ${targetId}::uuid
    for update of t`;
  if (!row || (row.status !== "PUBLISHED" && row.status !== "FAILED")) return "ignored";
  if (row.old_outcome === row.status) return "unchanged";

  const views = row.old_views ?? 0;
  const interactions = row.old_interactions ?? 0;
  if (row.old_outcome && row.old_day !== null) {
    await applyToDay(tx, row.account_id, row.old_day, contribution(row.old_outcome, row.old_on_time ?? false, views, interactions, -1));
  }
  const published = row.status === "PUBLISHED";
  const publishedAt = published ? (row.published_at ?? now) : null;
  const day = localDay(publishedAt ?? row.scheduled_at ?? now, row.time_zone);
  const onTime = published && row.scheduled_at !== null && publishedAt!.getTime() - row.scheduled_at.getTime() <= ON_TIME_MS;
  const nextPollAt = publishedAt ? nextPollTime(publishedAt, publishedAt) : null;
  await tx.$executeRaw`
    insert into target_metrics (target_id, account_id, day, outcome, on_time, published_at, next_poll_at, updated_at)
    values (${targetId}::uuid, ${row.account_id}::uuid, ${day}, ${row.status}::"TargetStatus", ${onTime}, ${publishedAt}, ${nextPollAt}, now())
    on conflict (target_id) do update set account_id = excluded.account_id, day = excluded.day, outcome = excluded.outcome,
      on_time = excluded.on_time, published_at = excluded.published_at, next_poll_at = excluded.next_poll_at, updated_at = now()`;
  await applyToDay(tx, row.account_id, day, contribution(row.status, onTime, views, interactions, 1));
  return "recorded";
}

/** Finds published or failed targets of the last `lookbackDays` whose outcome is not counted yet, and counts them. */
export async function syncOutcomes(
  db: Db,
  { now = new Date(), lookbackDays = 35, limit = 5_000, accountIds }: { now?: Date; lookbackDays?: number; limit?: number; accountIds?: string[] } = {},
): Promise<number> {
  const only = accountIds ? Prisma.sql`and t.account_id = any(${accountIds}::uuid[])` : Prisma.empty;
  const since = new Date(now.getTime() - lookbackDays * 86_400_000);
  const pending = await db.$queryRaw<{ id: string }[]>`
    select t.id from post_targets t
    left join target_metrics m on m.target_id = t.id
    where t.status in ('PUBLISHED', 'FAILED') and coalesce(t.published_at, t.scheduled_at, t.updated_at) >= ${since}
      and (m.target_id is null or m.outcome <> t.status) ${only}
    order by coalesce(t.published_at, t.scheduled_at) limit ${limit}`;
  let recorded = 0;
  for (const { id } of pending) {
    if ((await db.$transaction((tx) => recordOutcome(tx, id, now))) === "recorded") recorded += 1;
  }
  return recorded;
}
