import "server-only";
import { updateUnitSchema } from "@/schemas/units";
import { writeAudit } from "@/server/audit/write-audit";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { unitConflicts } from "@/server/units/create-unit";
import { loadUnitFor } from "@/server/units/unit-access";
import { rethrowConflict } from "@/server/unique-violation";

const select = {
  id: true,
  name: true,
  code: true,
  kind: true,
  timeZone: true,
  parentId: true,
  path: true,
  depth: true,
} as const;

/**
 * Edits a unit; a new parent moves the whole subtree, rewriting every descendant's path and depth
 * in the same transaction so memberships and scopes never see a half-moved tree.
 */
export async function updateUnit(actor: Actor, input: unknown) {
  const data = updateUnitSchema.parse(input);
  const before = await db.unit.findUnique({ where: { id: data.id }, select });
  if (!before) throw notFound();
  assertCan(actor, "unit.manage", before);

  const moving = data.parentId !== before.parentId;
  let newPath = before.path;
  let depthDelta = 0;
  if (moving) {
    if (data.parentId === null) throw new AppError("VALIDATION", "validation", { parentId: "unitParentRequired" });
    const parent = await loadUnitFor(actor, "unit.manage", data.parentId, "parentId");
    if (parent.path.startsWith(before.path))
      throw new AppError("VALIDATION", "validation", { parentId: "unitParentCycle" });
    newPath = `${parent.path}${before.id}/`;
    depthDelta = parent.depth + 1 - before.depth;
  }

  try {
    return await db.$transaction(async (tx) => {
      let moved = 0;
      if (moving) {
        moved = await tx.$executeRaw`
          UPDATE units
             SET path = ${newPath} || substring(path from ${before.path.length + 1}::int),
                 depth = depth + ${depthDelta}::int,
                 updated_at = now()
           WHERE path LIKE ${`${before.path}%`}`;
      }
      const after = await tx.unit.update({
        where: { id: before.id },
        data: { name: data.name, code: data.code, kind: data.kind, timeZone: data.timeZone, parentId: data.parentId },
        select,
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: moving ? "unit.move" : "unit.update",
        entityType: "Unit",
        entityId: before.id,
        unit: after,
        before,
        after: moving ? { ...after, unitsMoved: moved } : after,
      });
      return after;
    });
  } catch (error) {
    rethrowConflict(error, unitConflicts);
  }
}
