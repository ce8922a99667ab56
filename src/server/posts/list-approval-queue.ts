import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

/**
 * Posts with a target waiting for a decision: not approved at their current version. A broadcast approved
 * but not yet fanned out (approved_version = version, its targets moved to SCHEDULED by the worker a chunk at
 * a time) is approved, not waiting (decision 0012, sixth pass). The approved version never exceeds the
 * version, so "not at it" is "none, or an older one".
 */
export function awaitingDecision(): Prisma.PostWhereInput {
  return {
    targets: { some: { status: "PENDING_APPROVAL" } },
    OR: [{ approvedVersion: null }, { approvedVersion: { lt: db.post.fields.version } }],
  };
}

/** Everything pending in the supervisor's subtree that they may decide (no version of it is theirs, decision 0009), oldest first. */
export async function listApprovalQueue(actor: Actor) {
  const posts = await db.post.findMany({
    where: {
      unit: unitScope(actor, "post.approve"),
      authorId: { not: actor.id },
      revisions: { none: { editorId: actor.id } },
      ...awaitingDecision(),
    },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: {
      id: true,
      baseText: true,
      title: true,
      version: true,
      commercialFlags: true,
      updatedAt: true,
      createdAt: true,
      author: { select: { name: true } },
      unit: { select: { name: true, timeZone: true } },
      targets: {
        where: { status: "PENDING_APPROVAL" },
        select: {
          id: true,
          scheduledAt: true,
          account: { select: { platform: true, handle: true, unit: { select: { timeZone: true } } } },
        },
      },
      views: { where: { userId: actor.id }, select: { seenVersion: true } },
      decisions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { outcome: true, comment: true, createdAt: true, decider: { select: { name: true } } },
      },
    },
  });
  const now = Date.now();
  return posts.map((p) => {
    const seen = p.views[0]?.seenVersion ?? null;
    return {
      ...p,
      seenVersion: seen,
      changedSinceSeen: seen !== null && seen < p.version,
      needsNewTime: p.targets.some((t) => t.scheduledAt !== null && t.scheduledAt.getTime() < now),
    };
  });
}
