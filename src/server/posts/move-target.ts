import "server-only";
import { randomUUID } from "node:crypto";
import { rescheduleTargetSchema } from "@/schemas/posts";
import { writeAudit } from "@/server/audit/write-audit";
import { assertCan, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadTargetUnit } from "@/server/posts/load-post-unit";
import { afterCommit } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";
import { isIn, MOVABLE_STATUSES } from "@/lib/post-lifecycle";

/**
 * Moving a target in the calendar. A new time is an edit: the post gets a new version written by the
 * person who moved it, and an approved target goes back for approval by someone else (four eyes,
 * docs/decisions/0009-trust.md), even when the mover could approve.
 */
export async function moveTarget(actor: Actor, raw: unknown): Promise<{ status: string }> {
  const input = rescheduleTargetSchema.parse(raw);
  const at = new Date(input.scheduledAt);
  if (at.getTime() < Date.now() - 30_000) throw new AppError("VALIDATION", "validation", { scheduledAt: "timeInPast" });
  const target = await loadTargetUnit(input.targetId);
  assertCan(actor, "post.schedule", target.post.unit);

  const result = await db.$transaction(async (tx) => {
    const [post] = await tx.$queryRaw<{ version: number }[]>`
      SELECT version FROM posts WHERE id = ${target.post.id}::uuid FOR UPDATE`;
    const current = await tx.postTarget.findUniqueOrThrow({
      where: { id: input.targetId },
      select: { status: true, scheduledAt: true },
    });
    if (!post || !isIn(MOVABLE_STATUSES, current.status)) throw new AppError("CONFLICT", "targetNotReschedulable");
    await tx.postTarget.update({ where: { id: input.targetId }, data: { scheduledAt: at } });
    const version = post.version + 1;
    const content = await tx.post.update({
      where: { id: target.post.id },
      data: { version },
      select: {
        baseText: true,
        title: true,
        targets: { select: { accountId: true, textOverride: true, scheduledAt: true, status: true } },
        media: { orderBy: { position: "asc" }, select: { id: true } },
      },
    });
    await tx.postRevision.create({
      data: {
        id: randomUUID(),
        postId: target.post.id,
        version,
        editorId: actor.id,
        baseText: content.baseText,
        title: content.title,
        targets: content.targets
          .filter((t) => t.status !== "CANCELLED")
          .map((t) => ({
            accountId: t.accountId,
            textOverride: t.textOverride,
            scheduledAt: t.scheduledAt?.toISOString() ?? null,
          })),
        mediaIds: content.media.map((m) => m.id),
      },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "target.rescheduled",
      entityType: "PostTarget",
      entityId: input.targetId,
      unit: target.post.unit,
      before: { scheduledAt: current.scheduledAt },
      after: { scheduledAt: at },
    });
    // The new version is unapproved: every approved target of the post waits for approval again.
    const approved = await tx.postTarget.findMany({
      where: { postId: target.post.id, status: { in: ["SCHEDULED", "PAUSED"] } },
      select: { id: true },
    });
    const unscheduled = await transitionTargets(tx, {
      targetIds: approved.map((t) => t.id),
      to: "PENDING_APPROVAL",
      actorId: actor.id,
      note: "rescheduled: needs approval again",
    });
    const moved = unscheduled.find((t) => t.id === input.targetId);
    return { status: moved ? "PENDING_APPROVAL" : current.status, unscheduled: unscheduled.map((t) => t.id) };
  });

  if (result.unscheduled.length)
    await afterCommit("unschedule moved post", (p) => p.removePublishMany(result.unscheduled));
  return { status: result.status };
}
