import "server-only";
import { randomUUID } from "node:crypto";
import { createUserSchema } from "@/schemas/users";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { loadUnitFor } from "@/server/units/unit-access";
import { hashPassword } from "@/server/users/password";
import { rethrowConflict } from "@/server/unique-violation";
import { assertManagesUsers, assertRoleFitsUnit, rootOf, userAuditFields } from "@/server/users/user-access";

/** Creates a user with an initial password (the person changes it later) and a first membership. */
export async function createUser(actor: Actor, input: unknown) {
  assertManagesUsers(actor);
  const data = createUserSchema.parse(input);
  const unit = await loadUnitFor(actor, "user.manage", data.unitId);
  await assertRoleFitsUnit(data.role, unit.id);
  const passwordHash = await hashPassword(data.password);
  const id = randomUUID();
  const membershipId = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id, email: data.email, name: data.name, passwordHash, rootUnitId: rootOf(unit) },
      });
      await tx.membership.create({ data: { id: membershipId, userId: id, unitId: unit.id, role: data.role } });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "user.create",
        entityType: "User",
        entityId: id,
        unit,
        after: userAuditFields(user),
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "membership.add",
        entityType: "Membership",
        entityId: membershipId,
        unit,
        after: { userId: id, email: user.email, unitId: unit.id, unitCode: unit.code, role: data.role },
      });
      return { id };
    });
  } catch (error) {
    rethrowConflict(error, { users_email_key: ["email", "emailTaken"] });
  }
}
