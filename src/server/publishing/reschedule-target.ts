import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { afterCommit, publishJobsFor } from "@/server/publishing/engine-queue";

// Moves one target to a new time. Its status does not change; a scheduled target's job moves with it.

const RESCHEDULABLE = ["DRAFT", "PENDING_APPROVAL", "CHANGES_REQUESTED", "SCHEDULED", "PAUSED"] as const;

export async function rescheduleTarget(input: { targetId: string; actorId: string; scheduledAt: Date }): Promise<void> {
  if (input.scheduledAt.getTime() < Date.now() - 60_000) throw new AppError("VALIDATION", "scheduleInPast");
  const status = await db.$transaction(async (tx) => {
    const target = await tx.postTarget.findUnique({
      where: { id: input.targetId },
      select: { status: true, scheduledAt: true, post: { select: { unit: { select: { id: true, path: true } } } } },
    });
    if (!target || !(RESCHEDULABLE as readonly string[]).includes(target.status))
      throw new AppError("CONFLICT", "targetNotReschedulable");
    const updated = await tx.postTarget.updateMany({
      where: { id: input.targetId, status: target.status },
      data: { scheduledAt: input.scheduledAt },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "targetNotReschedulable");
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "target.rescheduled",
      entityType: "PostTarget",
      entityId: input.targetId,
      unit: target.post.unit,
      before: { scheduledAt: target.scheduledAt },
      after: { scheduledAt: input.scheduledAt },
    });
    return target.status;
  });
  if (status !== "SCHEDULED") return;
  const [job] = await publishJobsFor([input.targetId]);
  if (job) await afterCommit("reschedule target", (p) => p.movePublish(job));
}
