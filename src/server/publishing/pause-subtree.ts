import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type RawClient } from "@/server/db";
import { notFound } from "@/server/errors";
import { pausedCondition, transitionTargets } from "@/server/publishing/transition-targets";

// Crisis pause: from now on nothing in the unit's subtree publishes. Scheduled targets become PAUSED;
// their jobs may still fire but the claim refuses any target under an active pause.

/** Ids of targets in a status under a subtree, by the account's unit or the post's unit. */
export async function targetsInSubtree(client: RawClient, unitPath: string, status: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT t.id::text AS id FROM post_targets t
    JOIN posts p ON p.id = t.post_id JOIN units u ON u.id = p.unit_id
    JOIN social_accounts a ON a.id = t.account_id JOIN units au ON au.id = a.unit_id
    WHERE t.status = ${status}::"TargetStatus" AND (au.path LIKE ${unitPath} || '%' OR u.path LIKE ${unitPath} || '%')`;
  return rows.map((r) => r.id);
}

export async function pauseSubtree(input: {
  unitId: string;
  actorId: string;
  reason: string;
}): Promise<{ pauseId: string; paused: number }> {
  return db.$transaction(
    async (tx) => {
      const unit = await tx.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } });
      if (!unit) throw notFound();
      const pause = await tx.publishingPause.create({
        data: { id: randomUUID(), unitId: unit.id, reason: input.reason, startedById: input.actorId },
      });
      await writeAudit(tx, {
        actorId: input.actorId,
        action: "publishing.paused",
        entityType: "PublishingPause",
        entityId: pause.id,
        unit,
        after: { reason: input.reason },
      });
      const ids = await targetsInSubtree(tx, unit.path, "SCHEDULED");
      const moved = await transitionTargets(tx, {
        targetIds: ids,
        to: "PAUSED",
        from: ["SCHEDULED"],
        actorId: input.actorId,
        where: Prisma.sql`${pausedCondition}`,
        note: input.reason,
      });
      return { pauseId: pause.id, paused: moved.length };
    },
    { timeout: 60_000 },
  );
}
