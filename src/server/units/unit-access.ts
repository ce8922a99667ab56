import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import type { Action } from "@/server/auth/policy";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

export const unitSelect = { id: true, name: true, code: true, path: true, depth: true, timeZone: true } as const;
export type UnitRef = { id: string; name: string; code: string; path: string; depth: number; timeZone: string };

/**
 * Loads the unit a form named and checks the policy for it. A unit that does not exist and one
 * outside the caller's subtree get the same answer, so ids cannot be probed.
 */
export async function loadUnitFor(actor: Actor, action: Action, unitId: string, field = "unitId"): Promise<UnitRef> {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: unitSelect });
  if (!unit || !actorCan(actor, action, unit))
    throw new AppError("FORBIDDEN", "forbidden", { [field]: "unitOutsideScope" });
  return unit;
}
