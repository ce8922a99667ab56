import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { afterCommit, publishJobsFor } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";

// A target whose account the platform refused (NEEDS_RECONNECT) waits instead of failing: it stays
// SCHEDULED without a job, with the reason, until a person connects the account again (then it goes) or
// 24 hours have passed since its time (then it fails with that reason). docs/decisions/0008-real-platforms.md.

/** How long after its time a target waits for its account to be connected again. */
export const RECONNECT_WAIT_MS = 24 * 3_600_000;
const LAPSED = "The account was not connected again within 24 hours of the post's time";

/** The claim's condition (t: post_targets): the target's account needs a person first. */
export const awaitingReconnect = Prisma.sql`EXISTS (SELECT 1 FROM social_accounts wa
  WHERE wa.id = t.account_id AND wa.status = 'NEEDS_RECONNECT')`;

/**
 * After the platform refused the account's token mid-publish: back to SCHEDULED to wait (true), unless the
 * post's time is already 24 h past (false: the caller fails it). A target with no time takes now as its time.
 */
export async function holdForReconnect(targetId: string, reason: string, now = new Date()): Promise<boolean> {
  const held = await transitionTargets(db, {
    targetIds: [targetId],
    to: "SCHEDULED",
    from: ["PUBLISHING"],
    actorId: null,
    where: Prisma.sql`COALESCE(t.scheduled_at, ${now}) > ${new Date(now.getTime() - RECONNECT_WAIT_MS)}`,
    changes: {
      lastError: reason,
      lastErrorKind: "reconnect",
      claimedAt: null,
      // The refused try does not count against the attempts.
      incrementAttempts: -1,
      scheduledAtIfNone: now,
    },
  });
  return held.length > 0;
}

/** Waiting targets more than 24 h past their time fail with the reason (all, or only `targetIds`). */
export async function failLapsedWaits(now = new Date(), targetIds?: readonly string[]): Promise<number> {
  const lapsed = await db.postTarget.findMany({
    where: {
      status: "SCHEDULED",
      account: { status: "NEEDS_RECONNECT" },
      scheduledAt: { lt: new Date(now.getTime() - RECONNECT_WAIT_MS) },
      ...(targetIds ? { id: { in: [...targetIds] } } : {}),
    },
    select: { id: true, lastError: true },
    take: 5_000,
  });
  let failed = 0;
  for (const t of lapsed) {
    const moved = await transitionTargets(db, {
      targetIds: [t.id],
      to: "FAILED",
      from: ["SCHEDULED"],
      actorId: null,
      changes: { lastError: t.lastError ? `${LAPSED}: ${t.lastError}` : LAPSED, lastErrorKind: "auth" },
    });
    failed += moved.length;
  }
  return failed;
}

/** Connected again: its waiting targets go now (or at their time). Called after the reconnect committed. */
export async function resumeAfterReconnect(accountId: string): Promise<void> {
  const waiting = await db.postTarget.findMany({ where: { accountId, status: "SCHEDULED" }, select: { id: true } });
  if (waiting.length === 0) return;
  const jobs = await publishJobsFor(waiting.map((w) => w.id));
  await afterCommit("targets resumed after a reconnect", (p) => p.enqueuePublish(jobs));
}
