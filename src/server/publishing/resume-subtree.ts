import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { afterCommit, publishJobsFor } from "@/server/publishing/engine-queue";
import { targetsInSubtree } from "@/server/publishing/pause-subtree";
import { pausedCondition, transitionTargets } from "@/server/publishing/transition-targets";

// Ends the active pauses on a unit. Paused targets below it that no other active pause covers go
// back on the schedule; those whose time passed during the pause publish at once.

export async function resumeSubtree(input: { unitId: string; actorId: string }): Promise<{ resumed: number }> {
  const ids = await db.$transaction(
    async (tx) => {
      const unit = await tx.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } });
      if (!unit) throw notFound();
      const pauses = await tx.publishingPause.findMany({
        where: { unitId: unit.id, endedAt: null },
        select: { id: true },
      });
      if (pauses.length === 0) throw new AppError("CONFLICT", "notPaused");
      await tx.publishingPause.updateMany({
        where: { id: { in: pauses.map((p) => p.id) } },
        data: { endedAt: new Date(), endedById: input.actorId },
      });
      for (const p of pauses)
        await writeAudit(tx, {
          actorId: input.actorId,
          action: "publishing.resumed",
          entityType: "PublishingPause",
          entityId: p.id,
          unit,
        });
      const paused = await targetsInSubtree(tx, unit.path, "PAUSED");
      const moved = await transitionTargets(tx, {
        targetIds: paused,
        to: "SCHEDULED",
        from: ["PAUSED"],
        actorId: input.actorId,
        where: Prisma.sql`NOT ${pausedCondition}`,
      });
      return moved.map((m) => m.id);
    },
    { timeout: 60_000 },
  );
  const jobs = await publishJobsFor(ids);
  // Jobs of paused targets may still sit in Redis with their old delay: move each to its time.
  await afterCommit("resume subtree", (p) => p.movePublishMany(jobs));
  return { resumed: ids.length };
}
