import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { transitionTargets } from "@/server/publishing/transition-targets";

// The database side of the reconciler: pages through every SCHEDULED target (so the worker can check
// each has its job) and resolves targets left PUBLISHING by a worker that died mid-call.

export type ScheduledRow = { id: string; accountId: string; platform: Platform; scheduledAt: Date | null };

export async function scheduledTargetsPage(afterId: string | null, limit: number): Promise<ScheduledRow[]> {
  return db.$queryRaw<ScheduledRow[]>`
    SELECT t.id::text AS id, t.account_id::text AS "accountId", a.platform::text AS platform, t.scheduled_at AS "scheduledAt"
    FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
    WHERE t.status = 'SCHEDULED' AND a.status <> 'NEEDS_RECONNECT' AND (${afterId}::uuid IS NULL OR t.id > ${afterId}::uuid)
    ORDER BY t.id LIMIT ${limit}`;
}

/**
 * Broadcasts approved at their current version whose targets still wait (decision 0012, sixth pass): their
 * fan-out job may have been lost (Redis flushed, the job failed out) and is added again; one that still waits
 * or runs keeps its job, whose id is the post's and version's. Found from the waiting targets (the status
 * index), few at any time.
 */
export async function postsAwaitingFanOut(limit: number): Promise<{ postId: string; version: number }[]> {
  // Each waiting post is looked up by key (OFFSET 0 keeps the lookup): left free, the planner scanned every
  // post of the country for approved_version = version and joined them (~60–100 ms against ~15–60 ms,
  // national data set, load ~14).
  return db.$queryRaw<{ postId: string; version: number }[]>`
    SELECT p.id::text AS "postId", p.version
    FROM (SELECT DISTINCT t.post_id FROM post_targets t WHERE t.status = 'PENDING_APPROVAL') w
    CROSS JOIN LATERAL (
      SELECT p0.id, p0.version FROM posts p0
      WHERE p0.id = w.post_id AND p0.approved_version = p0.version OFFSET 0
    ) p
    ORDER BY p.id LIMIT ${limit}`;
}

/** Published targets still waiting for their post id (a partial index holds only these). */
export async function awaitingPostIdTargets(limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id::text AS id FROM post_targets t
    WHERE t.last_error_kind = 'awaiting_post_id' AND t.status = 'PUBLISHED'
    ORDER BY t.id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** PUBLISHING for longer than any call may take: nobody knows whether it went out. */
export async function resolveStuckTargets(stuckAfterMs: number): Promise<string[]> {
  const cutoff = new Date(Date.now() - stuckAfterMs);
  const stuck = await db.postTarget.findMany({
    where: { status: "PUBLISHING", claimedAt: { lt: cutoff } },
    select: { id: true },
    take: 5_000,
  });
  const moved = await transitionTargets(db, {
    targetIds: stuck.map((s) => s.id),
    to: "UNCONFIRMED",
    from: ["PUBLISHING"],
    actorId: null,
    where: Prisma.sql`t.claimed_at < ${cutoff}`,
    changes: {
      lastError: "Publishing was interrupted (the worker stopped during the platform call)",
      lastErrorKind: "unknown",
    },
  });
  return moved.map((m) => m.id);
}
