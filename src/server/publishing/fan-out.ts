import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { FanOutPostPayload } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import { db } from "@/server/db";
import { scheduleChanges } from "@/server/publishing/schedule-targets";
import { transitionTargetsSelect } from "@/server/publishing/transition-targets";

/**
 * Approval of more than this many targets hands the rest to the worker: the approver's click returns once
 * the decision and the approved version are written, and a fan-out job moves the targets to SCHEDULED and
 * writes their publish jobs to Redis (decision 0012, a national broadcast of 5,000 accounts). Up to this
 * many, approval schedules and enqueues them itself, one chunk, as before.
 */
export const DIRECT_ENQUEUE_MAX = 200;

/** Targets moved to SCHEDULED per transaction of the fan-out: each commit lets the worker start on them. */
const FAN_OUT_CHUNK = 500;

type JobRow = { id: string; accountId: string; platform: Platform; scheduledAt: Date | null };

const toJobs = (rows: readonly JobRow[]) =>
  rows.map((r) => ({
    targetId: r.id,
    accountId: r.accountId,
    platform: r.platform,
    runAt: r.scheduledAt ?? new Date(),
  }));

/**
 * The fan-out job of an approved broadcast. While the post is still at the version that was approved (and,
 * if the payload names one, at that version), it moves the post's targets still PENDING_APPROVAL to
 * SCHEDULED a chunk at a time, as the approver (the audit rows name them), each chunk in a transaction that
 * holds the post's row in share mode: an edit (which holds it for update) waits for the chunk, then finds its
 * targets SCHEDULED and sends them back, exactly as an edit after approval always did; a chunk that starts
 * after an edit finds the version changed and moves nothing. Each chunk's publish jobs are written after its
 * commit; job ids come from target ids, so nothing is enqueued twice.
 *
 * Run twice, or resumed after a crash halfway (BullMQ runs a stalled job again; the reconciler adds a lost
 * one again, decision 0012): it first gives every SCHEDULED target of the post its job (a chunk that
 * committed before the crash may not have been enqueued), then moves only what is still waiting, so no
 * target is moved, audited or enqueued twice. A target cancelled meanwhile is not waiting and gets none;
 * one under a crisis pause is moved and enqueued like any approved target, and its claim moves it to
 * PAUSED instead of publishing it (claim-target.ts), as for a post approved during a pause.
 */
export async function fanOutPost(
  payload: FanOutPostPayload,
  producer: PublishingProducer,
  chunkSize = FAN_OUT_CHUNK,
): Promise<number> {
  const already = await db.$queryRaw<JobRow[]>`
    SELECT t.id::text AS id, t.account_id::text AS "accountId", a.platform::text AS platform, t.scheduled_at AS "scheduledAt"
    FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
    WHERE t.post_id = ${payload.postId}::uuid AND t.status = 'SCHEDULED'`;
  if (already.length > 0) await producer.enqueuePublish(toJobs(already));
  // The waiting targets' ids are read once and moved a chunk at a time by key: a chunk found by walking the
  // post's targets would walk past every target the chunks before it moved (quadratic in the chunks).
  const waiting = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id::text AS id FROM post_targets t
    WHERE t.post_id = ${payload.postId}::uuid AND t.status = 'PENDING_APPROVAL' ORDER BY t.id`;
  let next = 0;
  /** The next chunk moved, or null once there is none or the post is no longer at the approved version. */
  const moveChunk = (): Promise<JobRow[] | null> => {
    const ids = waiting.slice(next, next + chunkSize).map((t) => t.id);
    next += chunkSize;
    if (ids.length === 0) return Promise.resolve(null);
    return db.$transaction(
      async (tx) => {
        const [post] = await tx.$queryRaw<{ version: number; approved: number | null }[]>`
        SELECT version, approved_version AS approved FROM posts WHERE id = ${payload.postId}::uuid FOR SHARE`;
        if (!post || post.approved !== post.version) return null;
        if (payload.version !== undefined && payload.version !== post.version) return null;
        // The approver of this version: the fan-out writes the targets' moves in their name.
        const [decision] = await tx.$queryRaw<{ deciderId: string }[]>`
        SELECT decider_id::text AS "deciderId" FROM approval_decisions
        WHERE post_id = ${payload.postId}::uuid AND post_version = ${post.version} AND outcome = 'APPROVED'
        ORDER BY created_at DESC LIMIT 1`;
        return transitionTargetsSelect<JobRow>(
          tx,
          {
            targetIds: ids,
            to: "SCHEDULED",
            from: ["PENDING_APPROVAL"],
            actorId: decision?.deciderId ?? null,
            changes: scheduleChanges(),
          },
          Prisma.sql`SELECT moved.id::text AS id, moved.account_id::text AS "accountId",
                          a.platform::text AS platform, moved.scheduled_at AS "scheduledAt"
                   FROM moved JOIN social_accounts a ON a.id = moved.account_id`,
        );
      },
      { timeout: 60_000 },
    );
  };
  // Each chunk's transaction runs while the chunk before it is written to Redis: the database and Redis
  // work side by side instead of in turn. A failed enqueue ends the run once the chunk under way has
  // committed (the retry, or the reconciler's fan-out, enqueues what was committed and moves the rest).
  let moved = 0;
  let chunk = await moveChunk();
  while (chunk) {
    moved += chunk.length;
    const [following, enqueued] = await Promise.allSettled([moveChunk(), producer.enqueuePublish(toJobs(chunk))]);
    if (enqueued.status === "rejected") throw enqueued.reason;
    if (following.status === "rejected") throw following.reason;
    chunk = following.value;
  }
  return already.length + moved;
}
