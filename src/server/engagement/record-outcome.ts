import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TargetStatus } from "@/generated/prisma/enums";
import type { Db, Tx } from "@/server/db";
import { applyToDays, lockRollups, type DayChange, type DayDelta } from "@/server/engagement/apply-to-day";
import { localDay } from "@/server/engagement/days";
import { nextPollTime } from "@/server/engagement/next-poll-time";
import { ON_TIME_MS } from "@/server/engagement/on-time";

const SYNC_CHUNK = 500;

type Row = {
  status: TargetStatus;
  account_id: string;
  scheduled_at: Date | null;
  published_at: Date | null;
  time_zone: string;
  old_outcome: TargetStatus | null;
  old_day: number | null;
  old_on_time: boolean | null;
  old_views: number | null;
  old_interactions: number | null;
};

const contribution = (
  outcome: TargetStatus,
  onTime: boolean,
  views: number,
  interactions: number,
  sign: 1 | -1,
): DayDelta =>
  outcome === "PUBLISHED"
    ? {
        published: sign,
        onTime: onTime ? sign : 0,
        failed: 0,
        views: sign * views,
        interactions: sign * interactions,
        ...(sign > 0 ? { add: interactions } : { remove: interactions }),
      }
    : { published: 0, onTime: 0, failed: sign, views: 0, interactions: 0 };

/**
 * Counts a target's outcome (PUBLISHED or FAILED) in its day's roll-up, once; a target that changes outcome
 * (a failure retried and published) moves from one count to the other. Published targets get their first
 * metrics reading scheduled. The publishing engine may call this inside its own transaction; the collector
 * also sweeps for outcomes it has not seen (syncOutcomes), so a missed call only delays the numbers.
 */
export async function recordOutcome(tx: Tx, targetId: string, now = new Date()): Promise<OutcomeResult> {
  return (await recordOutcomes(tx, [targetId], now)).get(targetId) ?? "ignored";
}

export type OutcomeResult = "recorded" | "unchanged" | "ignored";

/** The same for many targets at once: one read, one write of their metrics rows, two of the roll-ups. */
export async function recordOutcomes(
  tx: Tx,
  targetIds: readonly string[],
  now = new Date(),
): Promise<Map<string, OutcomeResult>> {
  const results = new Map<string, OutcomeResult>(targetIds.map((id) => [id, "ignored"]));
  if (targetIds.length === 0) return results;
  await lockRollups(tx);
  const rows = await tx.$queryRaw<(Row & { id: string })[]>`
    select t.id::text as id, t.status, t.account_id::text as account_id, t.scheduled_at, t.published_at, u.time_zone,
           m.outcome as old_outcome, m.day as old_day, m.on_time as old_on_time, m.views as old_views, m.interactions as old_interactions
    from post_targets t
    join social_accounts a on a.id = t.account_id
    join units u on u.id = a.unit_id
    left join target_metrics m on m.target_id = t.id
    where t.id = any(${[...targetIds]}::uuid[])
    order by t.id
    for update of t`;
  const changes: DayChange[] = [];
  const metrics: {
    targetId: string;
    accountId: string;
    day: number;
    outcome: TargetStatus;
    onTime: boolean;
    publishedAt: Date | null;
    nextPollAt: Date | null;
  }[] = [];
  for (const row of rows) {
    if (row.status !== "PUBLISHED" && row.status !== "FAILED") continue;
    if (row.old_outcome === row.status) {
      results.set(row.id, "unchanged");
      continue;
    }
    const views = row.old_views ?? 0;
    const interactions = row.old_interactions ?? 0;
    if (row.old_outcome && row.old_day !== null) {
      changes.push({
        accountId: row.account_id,
        day: row.old_day,
        delta: contribution(row.old_outcome, row.old_on_time ?? false, views, interactions, -1),
      });
    }
    const published = row.status === "PUBLISHED";
    const publishedAt = published ? (row.published_at ?? now) : null;
    const day = localDay(publishedAt ?? row.scheduled_at ?? now, row.time_zone);
    const onTime =
      published && row.scheduled_at !== null && publishedAt!.getTime() - row.scheduled_at.getTime() <= ON_TIME_MS;
    const nextPollAt = publishedAt ? nextPollTime(publishedAt, publishedAt) : null;
    metrics.push({
      targetId: row.id,
      accountId: row.account_id,
      day,
      outcome: row.status,
      onTime,
      publishedAt,
      nextPollAt,
    });
    changes.push({ accountId: row.account_id, day, delta: contribution(row.status, onTime, views, interactions, 1) });
    results.set(row.id, "recorded");
  }
  if (metrics.length === 0) return results;
  await tx.$executeRaw`
    insert into target_metrics (target_id, account_id, day, outcome, on_time, published_at, next_poll_at, updated_at)
    select x.target_id, x.account_id, x.day, x.outcome::"TargetStatus", x.on_time, x.published_at, x.next_poll_at, now()
    from unnest(${metrics.map((m) => m.targetId)}::uuid[], ${metrics.map((m) => m.accountId)}::uuid[], ${metrics.map((m) => m.day)}::int[],
                ${metrics.map((m) => m.outcome)}::text[], ${metrics.map((m) => m.onTime)}::boolean[],
                ${metrics.map((m) => m.publishedAt)}::timestamptz[], ${metrics.map((m) => m.nextPollAt)}::timestamptz[])
         as x(target_id, account_id, day, outcome, on_time, published_at, next_poll_at)
    on conflict (target_id) do update set account_id = excluded.account_id, day = excluded.day, outcome = excluded.outcome,
      on_time = excluded.on_time, published_at = excluded.published_at, next_poll_at = excluded.next_poll_at, updated_at = now()`;
  await applyToDays(tx, changes);
  return results;
}

/** Finds published or failed targets of the last `lookbackDays` whose outcome is not counted yet, and counts them. */
export async function syncOutcomes(
  db: Db,
  {
    now = new Date(),
    lookbackDays = 35,
    limit = 5_000,
    accountIds,
  }: { now?: Date; lookbackDays?: number; limit?: number; accountIds?: string[] } = {},
): Promise<number> {
  const only = accountIds ? Prisma.sql`and t.account_id = any(${accountIds}::uuid[])` : Prisma.empty;
  const since = new Date(now.getTime() - lookbackDays * 86_400_000);
  const pending = await db.$queryRaw<{ id: string }[]>`
    select t.id from post_targets t
    left join target_metrics m on m.target_id = t.id
    where t.status in ('PUBLISHED', 'FAILED') and coalesce(t.published_at, t.scheduled_at, t.updated_at) >= ${since}
      and (m.target_id is null or m.outcome <> t.status) ${only}
    order by coalesce(t.published_at, t.scheduled_at) limit ${limit}`;
  // In chunks, each one transaction: a post published on 1,000 accounts is counted in a few statements.
  let recorded = 0;
  for (let i = 0; i < pending.length; i += SYNC_CHUNK) {
    const ids = pending.slice(i, i + SYNC_CHUNK).map((p) => p.id);
    const results = await db.$transaction((tx) => recordOutcomes(tx, ids, now), { timeout: 60_000 });
    for (const r of results.values()) if (r === "recorded") recorded += 1;
  }
  return recorded;
}
