import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

/** Everything pending in the supervisor's subtree that they may decide (no version of it is theirs, decision 0009), oldest first. */
export async function listApprovalQueue(actor: Actor) {
  const posts = await db.post.findMany({
    where: {
      unit: unitScope(actor, "post.approve"),
      authorId: { not: actor.id },
      revisions: { none: { editorId: actor.id } },
      targets: { some: { status: "PENDING_APPROVAL" } },
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
