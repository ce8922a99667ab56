import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { scopeFor } from "@/server/auth/policy";
import { db } from "@/server/db";
import { awaitingDecision } from "@/server/posts/list-approval-queue";
import { ATTENTION_STATUSES } from "@/lib/post-lifecycle";

/**
 * The badge counts: what waits for this person. Every page of the app shows them, so a count the person
 * has no right to (a LEADERSHIP reader approves and composes nothing) is not asked of the database at all.
 */
export async function countWaiting(actor: Actor) {
  const approveScope = unitScope(actor, "post.approve");
  const composeScope = unitScope(actor, "post.compose");
  const composes = scopeFor(actor.memberships, "post.compose").length > 0;
  const approves = scopeFor(actor.memberships, "post.approve").length > 0;
  const [sentBack, approvals, failures] = await Promise.all([
    composes ? db.post.count({ where: { authorId: actor.id, targets: { some: { status: "CHANGES_REQUESTED" } } } }) : 0,
    !approves
      ? 0
      : db.post.count({
          where: {
            unit: approveScope,
            authorId: { not: actor.id },
            revisions: { none: { editorId: actor.id } },
            ...awaitingDecision(),
          },
        }),
    // Failures of the last week still need a person; older ones are history, not a to-do.
    !composes
      ? 0
      : db.postTarget.count({
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
