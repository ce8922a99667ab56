import "server-only";
import { removeMembershipSchema } from "@/schemas/users";
import { writeAudit } from "@/server/audit/write-audit";
import { assertCan, type Actor } from "@/server/auth/actor";
import { endSessions } from "@/server/auth/session-version";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { assertManagesUsers } from "@/server/users/user-access";

export async function removeMembership(actor: Actor, input: unknown) {
  assertManagesUsers(actor);
  const data = removeMembershipSchema.parse(input);
  const membership = await db.membership.findUnique({
    where: { id: data.id },
    select: {
      id: true,
      role: true,
      userId: true,
      user: { select: { email: true } },
      unit: { select: { id: true, code: true, path: true } },
    },
  });
  if (!membership) throw notFound();
  assertCan(actor, "user.manage", membership.unit);
  // Removing one's own membership could lock the last administrator out of a subtree.
  if (membership.userId === actor.id)
    throw new AppError("VALIDATION", "cannotRemoveOwnMembership", { _form: "cannotRemoveOwnMembership" });
  return db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    // The user signs in again to work with what is left (decision 0009).
    await endSessions(tx, membership.userId);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "membership.remove",
      entityType: "Membership",
      entityId: membership.id,
      unit: membership.unit,
      before: {
        userId: membership.userId,
        email: membership.user.email,
        unitId: membership.unit.id,
        unitCode: membership.unit.code,
        role: membership.role,
      },
    });
    return { id: membership.id };
  });
}
