import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

/** A unit as its edit form needs it; only for those who may manage it. */
export async function getUnitForEdit(actor: Actor, id: unknown) {
  const { id: unitId } = z.object({ id: z.uuid() }).parse({ id });
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, code: true, kind: true, timeZone: true, parentId: true, path: true, depth: true },
  });
  if (!unit) throw notFound();
  assertCan(actor, "unit.manage", unit);
  return unit;
}
