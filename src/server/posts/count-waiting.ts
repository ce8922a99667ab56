import "server-only";
import { unitScope, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { ATTENTION_STATUSES } from "@/lib/post-lifecycle";

/** The badge counts: what waits for this person. */
export async function countWaiting(actor: Actor) {
  const approveScope = unitScope(actor, "post.approve");
  const composeScope = unitScope(actor, "post.compose");
  const [sentBack, approvals, failures] = await Promise.all([
    db.post.count({ where: { authorId: actor.id, targets: { some: { status: "CHANGES_REQUESTED" } } } }),
    db.post.count({
      where: {
        unit: approveScope,
        authorId: { not: actor.id },
        revisions: { none: { editorId: actor.id } },
        targets: { some: { status: "PENDING_APPROVAL" } },
      },
    }),
    // Failures of the last week still need a person; older ones are history, not a to-do.
    db.postTarget.count({
      where: {
        status: { in: [...ATTENTION_STATUSES] },
        updatedAt: { gte: new Date(Date.now() - 7 * 86_400_000) },
        scheduledAt: { gte: new Date(Date.now() - 7 * 86_400_000) },
        post: { unit: composeScope },
      },
    }),
  ]);
  return { sentBack, approvals, failures };
}
