import "server-only";
import { rescheduleTargetSchema } from "@/schemas/posts";
import { writeAudit } from "@/server/audit/write-audit";
import { actorCan, assertCan, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadTargetUnit } from "@/server/posts/load-post-unit";
import { afterCommit, publishJobsFor } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";

const movable = ["DRAFT", "PENDING_APPROVAL", "CHANGES_REQUESTED", "SCHEDULED", "PAUSED"] as const;

/**
 * Moving a target in the calendar. A new time is an edit, so an approved target goes back for
 * approval — unless the person moving it could approve it themselves (a supervisor of the post's
 * unit who is not its author): their move is the approval.
 */
export async function moveTarget(actor: Actor, raw: unknown): Promise<{ status: string }> {
  const input = rescheduleTargetSchema.parse(raw);
  const at = new Date(input.scheduledAt);
  if (at.getTime() < Date.now() - 30_000) throw new AppError("VALIDATION", "validation", { scheduledAt: "timeInPast" });
  const target = await loadTargetUnit(input.targetId);
  assertCan(actor, "post.schedule", target.post.unit);
  const approverMoves = actorCan(actor, "post.approve", target.post.unit) && target.post.authorId !== actor.id;

  const status = await db.$transaction(async (tx) => {
    const current = await tx.postTarget.findUniqueOrThrow({
      where: { id: input.targetId },
      select: { status: true, scheduledAt: true },
    });
    if (!(movable as readonly string[]).includes(current.status))
      throw new AppError("CONFLICT", "targetNotReschedulable");
    await tx.postTarget.update({ where: { id: input.targetId }, data: { scheduledAt: at } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "target.rescheduled",
      entityType: "PostTarget",
      entityId: input.targetId,
      unit: target.post.unit,
      before: { scheduledAt: current.scheduledAt },
      after: { scheduledAt: at },
    });
    if ((current.status === "SCHEDULED" || current.status === "PAUSED") && !approverMoves) {
      await transitionTargets(tx, {
        targetIds: [input.targetId],
        to: "PENDING_APPROVAL",
        actorId: actor.id,
        note: "rescheduled: needs approval again",
      });
      await tx.post.update({ where: { id: target.post.id }, data: { version: { increment: 1 } } });
      return "PENDING_APPROVAL";
    }
    return current.status;
  });

  if (status === "SCHEDULED") {
    const [job] = await publishJobsFor([input.targetId]);
    if (job) await afterCommit("move target", (p) => p.movePublish(job));
  } else if (status === "PENDING_APPROVAL") {
    await afterCommit("unschedule moved target", (p) => p.removePublish(input.targetId));
  }
  return { status };
}
