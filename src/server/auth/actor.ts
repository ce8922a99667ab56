import "server-only";
import { can, fromAbove, scopeFor, type Action, type ActorMembership } from "@/server/auth/policy";
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";

// Who is acting and where they may act, without Next.js: the scripts and the worker use these as the pages
// do (guards.ts re-exports them beside the session guards).

export type Actor = {
  id: string;
  name: string;
  email: string;
  memberships: ActorMembership[];
};

// Roles come from the database on every request, never from the session cookie,
// so a revoked membership or a disabled user takes effect at once.
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { unit: { select: { path: true } } } } },
  });
  if (!user || user.disabledAt) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    memberships: user.memberships.map((m) => ({ role: m.role, unitId: m.unitId, unitPath: m.unit.path })),
  };
}

export function assertCan(actor: Actor, action: Action, unit: { path: string }): void {
  if (!can(actor.memberships, action, unit.path)) throw forbidden();
}

export function actorCan(actor: Actor, action: Action, unit: { path: string }): boolean {
  return can(actor.memberships, action, unit.path);
}

/** Whether the actor may do `action` anywhere at all (to show or hide whole screens). */
export function actorCanAnywhere(actor: Actor, action: Action): boolean {
  return scopeFor(actor.memberships, action).length > 0;
}

/** A Prisma filter on `Unit.path` that keeps only the subtrees where `action` is allowed. */
export function unitScope(actor: Actor, action: Action) {
  const roots = scopeFor(actor.memberships, action);
  // For actions done from above, a membership's own unit is outside (a shorter root may still cover it).
  const below = fromAbove.has(action);
  return {
    OR: roots.length
      ? roots.map((p) => (below ? { path: { startsWith: p, not: p } } : { path: { startsWith: p } }))
      : [{ id: "00000000-0000-0000-0000-000000000000" }],
  };
}
