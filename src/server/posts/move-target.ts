import "server-only";
import { randomUUID } from "node:crypto";
import { rescheduleTargetSchema } from "@/schemas/posts";
import { writeAudit } from "@/server/audit/write-audit";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";
import { isIn, MOVABLE_STATUSES } from "@/lib/post-lifecycle";

/**
 * Moving targets of one post in the calendar (by drag or by "Pindahkan jadwal"). A new time is an edit:
 * the post gets one new version written by the person who moved it, and its approved targets go back for
 * approval by someone else (four eyes, docs/decisions/0009-trust.md), even when the mover could approve.
 * The targets move together or not at all: one of another post, or one no longer movable, refuses the move.
 */
export async function moveTarget(actor: Actor, raw: unknown): Promise<{ status: string }> {
  const input = rescheduleTargetSchema.parse(raw);
  const at = new Date(input.scheduledAt);
  if (at.getTime() < Date.now() - 30_000) throw new AppError("VALIDATION", "validation", { scheduledAt: "timeInPast" });
  const targets = await db.postTarget.findMany({
    where: { id: { in: input.targetIds } },
    select: { id: true, post: { select: { id: true, unit: { select: { id: true, path: true } } } } },
  });
  const post = targets[0]?.post;
  if (!post || targets.length !== input.targetIds.length) throw notFound();
  if (targets.some((t) => t.post.id !== post.id)) throw new AppError("VALIDATION", "targetsOfOnePost");
  assertCan(actor, "post.schedule", post.unit);

  const result = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ version: number }[]>`
      SELECT version FROM posts WHERE id = ${post.id}::uuid FOR UPDATE`;
    const current = await tx.postTarget.findMany({
      where: { id: { in: input.targetIds } },
      select: { id: true, status: true, scheduledAt: true },
    });
    if (!locked || current.some((t) => !isIn(MOVABLE_STATUSES, t.status)))
      throw new AppError("CONFLICT", "targetNotReschedulable");
    await tx.postTarget.updateMany({ where: { id: { in: input.targetIds } }, data: { scheduledAt: at } });
    const version = locked.version + 1;
    const content = await tx.post.update({
      where: { id: post.id },
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
        postId: post.id,
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
    for (const target of current)
      await writeAudit(tx, {
        actorId: actor.id,
        action: "target.rescheduled",
        entityType: "PostTarget",
        entityId: target.id,
        unit: post.unit,
        before: { scheduledAt: target.scheduledAt },
        after: { scheduledAt: at },
      });
    // The new version is unapproved: every approved target of the post waits for approval again.
    const approved = await tx.postTarget.findMany({
      where: { postId: post.id, status: { in: ["SCHEDULED", "PAUSED"] } },
      select: { id: true },
    });
    const unscheduled = await transitionTargets(tx, {
      targetIds: approved.map((t) => t.id),
      to: "PENDING_APPROVAL",
      actorId: actor.id,
      note: "rescheduled: needs approval again",
    });
    const moved = new Set(unscheduled.map((t) => t.id));
    const status = current.some((t) => moved.has(t.id)) ? "PENDING_APPROVAL" : current[0]!.status;
    return { status, unscheduled: unscheduled.map((t) => t.id) };
  });

  if (result.unscheduled.length)
    await afterCommit("unschedule moved post", (p) => p.removePublishMany(result.unscheduled));
  return { status: result.status };
}
