import "server-only";
import { publishingProducer, type PublishJob, type PublishingProducer } from "@/jobs/producer";
import type { Platform } from "@/generated/prisma/enums";
import { db, type Tx } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

// Use-cases enqueue only after their transaction committed. If Redis is down at that moment the
// change still stands: the database is the source of truth and the reconciler restores the jobs.

export function engineProducer(): Promise<PublishingProducer> {
  return publishingProducer(env().REDIS_URL, env().QUEUE_PREFIX);
}

export async function afterCommit(what: string, fn: (p: PublishingProducer) => Promise<void>): Promise<void> {
  try {
    await fn(await engineProducer());
  } catch (error) {
    logger.warn({ err: error, what }, "Queue update failed after commit; the reconciler will restore it");
  }
}

type Row = { id: string; accountId: string; platform: Platform; scheduledAt: Date | null };

/** The publish jobs for targets, at their scheduled time (now when none is set). */
export async function publishJobsFor(
  targetIds: readonly string[],
  client: Pick<Tx, "postTarget"> = db,
): Promise<PublishJob[]> {
  if (targetIds.length === 0) return [];
  const rows = await client.postTarget.findMany({
    where: { id: { in: [...targetIds] } },
    select: { id: true, accountId: true, scheduledAt: true, account: { select: { platform: true } } },
  });
  return rows
    .map((r): Row => ({ id: r.id, accountId: r.accountId, platform: r.account.platform, scheduledAt: r.scheduledAt }))
    .map((r) => ({ targetId: r.id, accountId: r.accountId, platform: r.platform, runAt: r.scheduledAt ?? new Date() }));
}
