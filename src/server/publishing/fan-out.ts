import "server-only";
import type { FanOutPostPayload } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import { db } from "@/server/db";

/**
 * Approval of more than this many targets hands the enqueueing to the worker: the approver's click returns
 * once the targets are SCHEDULED in the database, and a fan-out job writes their publish jobs to Redis
 * (decision 0012, a national broadcast of 5,000 accounts). Up to this many, approval enqueues them itself,
 * one chunk, as before.
 */
export const DIRECT_ENQUEUE_MAX = 200;

/**
 * The fan-out job: every target of the post still SCHEDULED gets its publish job at its time. Publish job
 * ids come from the target ids, so a target that already has its job (the reconciler was first, or this job
 * runs twice) keeps that one; a target cancelled or paused meanwhile is not SCHEDULED and gets none.
 */
export async function fanOutPost(payload: FanOutPostPayload, producer: PublishingProducer): Promise<number> {
  const rows = await db.postTarget.findMany({
    where: { postId: payload.postId, status: "SCHEDULED" },
    select: { id: true, accountId: true, scheduledAt: true, account: { select: { platform: true } } },
  });
  await producer.enqueuePublish(
    rows.map((r) => ({
      targetId: r.id,
      accountId: r.accountId,
      platform: r.account.platform,
      runAt: r.scheduledAt ?? new Date(),
    })),
  );
  return rows.length;
}
