import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { firstAdministratorSchema } from "@/schemas/setup";
import { writeAudit } from "@/server/audit/write-audit";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/users/password";

/** Any number: every setup takes the same transaction-scoped lock, so two at once cannot both win. */
const SETUP_LOCK = 180_001;

/**
 * The first SUPERADMIN of an installation, on the organisation's top unit (created here unless a top
 * unit with that code exists). Refused once any SUPERADMIN exists: after that, users are made in the app.
 */
export async function installFirstAdministrator(db: PrismaClient, input: unknown) {
  const data = firstAdministratorSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if (await tx.membership.findFirst({ where: { role: "SUPERADMIN" }, select: { id: true } }))
      throw new AppError("CONFLICT", "superadminExists");
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } }))
      throw new AppError("CONFLICT", "emailTaken");

    let unit = await tx.unit.findUnique({ where: { code: data.rootCode } });
    if (unit && unit.parentId) throw new AppError("CONFLICT", "rootCodeNotRoot", {}, { code: data.rootCode });
    const createdUnit = !unit;
    if (!unit) {
      const id = randomUUID();
      unit = await tx.unit.create({
        data: {
          id,
          name: data.rootName,
          code: data.rootCode,
          kind: data.rootKind,
          timeZone: data.rootTimeZone,
          parentId: null,
          path: `/${id}/`,
          depth: 0,
        },
      });
    }
    const userId = randomUUID();
    const membershipId = randomUUID();
    await tx.user.create({
      data: { id: userId, email: data.email, name: data.name, passwordHash, rootUnitId: unit.id },
    });
    await tx.membership.create({ data: { id: membershipId, userId, unitId: unit.id, role: "SUPERADMIN" } });
    // No one is signed in during setup: the entries name no actor and say they came from setup.
    if (createdUnit) {
      await writeAudit(tx, {
        actorId: null,
        action: "setup.unit",
        entityType: "Unit",
        entityId: unit.id,
        unit,
        after: { name: unit.name, code: unit.code, kind: unit.kind, timeZone: unit.timeZone },
      });
    }
    await writeAudit(tx, {
      actorId: null,
      action: "setup.superadmin",
      entityType: "User",
      entityId: userId,
      unit,
      after: { email: data.email, name: data.name, unitId: unit.id, unitCode: unit.code, role: "SUPERADMIN" },
    });
    return { userId, unit: { id: unit.id, code: unit.code, name: unit.name }, createdUnit };
  });
}
