import "server-only";
import { unitScope, type Actor } from "@/server/auth/guards";
import type { Action } from "@/server/auth/policy";
import { db } from "@/server/db";
import { buildTree, flattenTree } from "@/server/units/unit-tree";

/** The units where the caller may do `action`, in tree order, for the unit pickers of forms and filters. */
export async function listUnitOptions(actor: Actor, action: Action) {
  const units = await db.unit.findMany({
    where: unitScope(actor, action),
    select: { id: true, name: true, code: true, parentId: true, timeZone: true, path: true },
  });
  return flattenTree(buildTree(units));
}
export type UnitOption = Awaited<ReturnType<typeof listUnitOptions>>[number];
