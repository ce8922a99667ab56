import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { unitScope, type Actor } from "@/server/auth/actor";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

/** Items whose account's unit lies where the actor may do `action` (the subtree's Humas). */
export function interactionWhere(actor: Actor, action: "interaction.read"): Prisma.InteractionWhereInput {
  return { unit: unitScope(actor, action) };
}

/** The function units the actor's RESPONDER memberships cover: what was forwarded there is theirs. */
export function responderUnits(actor: Actor): Prisma.UnitWhereInput {
  return { AND: [unitScope(actor, "disposition.read"), { kind: FUNCTION_UNIT_KIND }] };
}

/** "2026-12-02T07:00:00.000Z_<uuid>" → its parts. */
export function parseCursor(cursor: string): { at: Date; id: string } {
  const i = cursor.indexOf("_");
  return { at: new Date(cursor.slice(0, i)), id: cursor.slice(i + 1) };
}
export const cursorOf = (at: Date, id: string) => `${at.toISOString()}_${id}`;
