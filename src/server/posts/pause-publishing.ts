import "server-only";
import { z } from "zod";
import { pauseSubtreeSchema } from "@/schemas/posts";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { pauseSubtree } from "@/server/publishing/pause-subtree";
import { resumeSubtree } from "@/server/publishing/resume-subtree";

// Crisis pause, guarded: a SUPERVISOR of the unit or above.

async function unitFor(unitId: string) {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, path: true } });
  if (!unit) throw new AppError("VALIDATION", "validation", { unitId: "notFound" });
  return unit;
}

export async function pausePublishingAs(actor: Actor, raw: unknown) {
  const input = pauseSubtreeSchema.parse(raw);
  assertCan(actor, "publishing.pause", await unitFor(input.unitId));
  return pauseSubtree({ unitId: input.unitId, actorId: actor.id, reason: input.reason });
}

export async function resumePublishingAs(actor: Actor, raw: unknown) {
  const { unitId } = z.object({ unitId: z.uuid() }).parse(raw);
  assertCan(actor, "publishing.pause", await unitFor(unitId));
  return resumeSubtree({ unitId, actorId: actor.id });
}

/** Active pauses over any unit of the actor's memberships or below, for the banner. */
export async function activePausesFor(actor: Actor) {
  const pauses = await db.publishingPause.findMany({
    where: { endedAt: null },
    select: {
      id: true,
      reason: true,
      startedAt: true,
      unit: { select: { id: true, name: true, path: true, timeZone: true } },
      startedBy: { select: { name: true } },
    },
    orderBy: { startedAt: "desc" },
  });
  // A pause concerns the person if it sits above, on, or below any of their units.
  return pauses.filter((p) =>
    actor.memberships.some((m) => m.unitPath.startsWith(p.unit.path) || p.unit.path.startsWith(m.unitPath)),
  );
}
