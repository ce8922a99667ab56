import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, engineDb } from "@/server/db";
import {
  movedContextsSelect,
  toContexts,
  type PublishTargetContext,
  type Row as ContextRow,
} from "@/server/publishing/load-publish-request";
import { awaitingReconnect, failLapsedWaits } from "@/server/publishing/await-reconnect";
import { microBatch } from "@/server/publishing/micro-batch";
import { pausedCondition, transitionTargets, transitionTargetsSelect } from "@/server/publishing/transition-targets";

// The claim: SCHEDULED → PUBLISHING, only if the target is still SCHEDULED, due, and not under a
// crisis pause. It is one conditional UPDATE, so two workers (or a job run twice after a crash)
// can never both call the platform for the same target. Only the approved version of a post is
// claimed (posts.approved_version, docs/decisions/0009-trust.md).

export type ClaimResult =
  /** Now PUBLISHING and held by this job, with everything the adapter needs (null: the row vanished). */
  | { kind: "claimed"; ctx: PublishTargetContext | null }
  /** No longer SCHEDULED (published, cancelled, claimed by someone else): nothing to do. */
  | { kind: "gone" }
  /** Under a pause: moved to PAUSED, resumed with its subtree. */
  | { kind: "paused" }
  /** Rescheduled to later than the job fired: the job should wait until then. */
  | { kind: "early"; runAt: Date };

const EARLY_SLACK_MS = 1_000;

/** The post is still at the version a SUPERVISOR approved (p: posts, as in transition-targets.ts). */
const approvedCondition = Prisma.sql`p.approved_version IS NOT DISTINCT FROM p.version`;

// Claims arriving together (a worker runs many jobs at once) share one statement, which also
// answers with everything the adapters need for what it claimed.
const claimMany = microBatch(async (targetIds: string[]): Promise<Map<string, PublishTargetContext | null>> => {
  const now = new Date();
  const rows = await transitionTargetsSelect<ContextRow>(
    engineDb,
    {
      targetIds,
      to: "PUBLISHING",
      from: ["SCHEDULED"],
      actorId: null,
      changes: { claimedAt: now, incrementAttempts: 1 },
      where: Prisma.sql`t.scheduled_at <= ${new Date(now.getTime() + EARLY_SLACK_MS)} AND NOT ${pausedCondition}
        AND ${approvedCondition} AND NOT ${awaitingReconnect}`,
    },
    movedContextsSelect,
  );
  return toContexts(rows);
});

export async function claimTarget(targetId: string): Promise<ClaimResult> {
  const claimed = await claimMany(targetId);
  if (claimed !== undefined) return { kind: "claimed", ctx: claimed };
  const now = new Date();
  const t = await db.postTarget.findUnique({ where: { id: targetId }, select: { status: true, scheduledAt: true } });
  if (!t || t.status !== "SCHEDULED") return { kind: "gone" };
  if (t.scheduledAt && t.scheduledAt.getTime() > now.getTime() + EARLY_SLACK_MS)
    return { kind: "early", runAt: t.scheduledAt };
  // Its account needs a person to connect it again: the target waits without a job (the reconnect, or the
  // reconciler once the account is back, gives it one), and fails once 24 h past its time.
  const account = await db.postTarget.findUnique({
    where: { id: targetId },
    select: { account: { select: { status: true } } },
  });
  if (account?.account.status === "NEEDS_RECONNECT") {
    await failLapsedWaits(now, [targetId]);
    return { kind: "gone" };
  }
  const paused = await transitionTargets(db, {
    targetIds: [targetId],
    to: "PAUSED",
    from: ["SCHEDULED"],
    actorId: null,
    where: pausedCondition,
    note: "under an active pause",
  });
  if (paused.length > 0) return { kind: "paused" };
  // Edited since its approval (an edit that raced the approval): it waits for a new one, not published.
  await transitionTargets(db, {
    targetIds: [targetId],
    to: "PENDING_APPROVAL",
    from: ["SCHEDULED"],
    actorId: null,
    where: Prisma.sql`NOT ${approvedCondition}`,
    note: "the post changed after its approval",
  });
  return { kind: "gone" };
}
