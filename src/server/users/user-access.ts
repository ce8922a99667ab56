import "server-only";
import { actorCan, actorCanAnywhere, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, forbidden, notFound } from "@/server/errors";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  disabledAt: true,
  lockedUntil: true,
  rootUnitId: true,
  createdAt: true,
  memberships: {
    select: {
      id: true,
      role: true,
      createdAt: true,
      unit: { select: { id: true, name: true, code: true, path: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} as const;

export function assertManagesUsers(actor: Actor): void {
  if (!actorCanAnywhere(actor, "user.manage")) throw forbidden();
}

/**
 * A user as a SUPERADMIN may change them: every unit the user works in must lie inside the caller's
 * user.manage subtrees. A user with no membership left belongs to their organisation's root unit and needs
 * user.manage over that root; one whose root is unknown (made before roots were recorded), over every root
 * (decision 0009).
 */
export async function loadManagedUser(actor: Actor, id: string) {
  assertManagesUsers(actor);
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw notFound();
  if (user.memberships.length > 0) {
    if (!user.memberships.every((m) => actorCan(actor, "user.manage", m.unit))) throw forbidden();
    return user;
  }
  const roots = await db.unit.findMany({
    where: user.rootUnitId ? { id: user.rootUnitId } : { parentId: null },
    select: { path: true },
  });
  if (roots.length === 0 || !roots.every((root) => actorCan(actor, "user.manage", root))) throw forbidden();
  return user;
}

/** A RESPONDER (Petugas Fungsi) belongs to a function unit, kind FUNGSI (decision 0011). */
export async function assertRoleFitsUnit(role: string, unitId: string): Promise<void> {
  if (role !== "RESPONDER") return;
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { kind: true } });
  if (unit?.kind !== FUNCTION_UNIT_KIND)
    throw new AppError("VALIDATION", "validation", { unitId: "responderNeedsFunctionUnit" });
}

/** The root unit of a unit's materialised path (`/root/…/unit/`). */
export function rootOf(unit: { path: string }): string {
  return unit.path.split("/").filter(Boolean)[0]!;
}

/** What an audit entry may record about a user (never the password hash). */
export function userAuditFields(user: { email: string; name: string; disabledAt: Date | null }) {
  return { email: user.email, name: user.name, disabled: user.disabledAt !== null };
}
