import "server-only";
import { randomUUID } from "node:crypto";
import { addMembershipSchema } from "@/schemas/users";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { loadUnitFor } from "@/server/units/unit-access";
import { rethrowConflict } from "@/server/unique-violation";
import { assertManagesUsers, assertRoleFitsUnit, loadManagedUser, rootOf } from "@/server/users/user-access";

export async function addMembership(actor: Actor, input: unknown) {
  assertManagesUsers(actor);
  const data = addMembershipSchema.parse(input);
  const unit = await loadUnitFor(actor, "user.manage", data.unitId);
  // The user must be one the caller manages (decision 0009): no membership for another organisation's user.
  const user = await loadManagedUser(actor, data.userId);
  await assertRoleFitsUnit(data.role, unit.id);
  const id = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      await tx.membership.create({ data: { id, userId: user.id, unitId: unit.id, role: data.role } });
      if (!user.rootUnitId) await tx.user.update({ where: { id: user.id }, data: { rootUnitId: rootOf(unit) } });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "membership.add",
        entityType: "Membership",
        entityId: id,
        unit,
        after: { userId: user.id, email: user.email, unitId: unit.id, unitCode: unit.code, role: data.role },
      });
      return { id };
    });
  } catch (error) {
    rethrowConflict(error, { memberships_user_id_unit_id_role_key: ["unitId", "membershipExists"] });
  }
}
