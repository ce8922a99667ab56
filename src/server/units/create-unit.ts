import "server-only";
import { randomUUID } from "node:crypto";
import { createUnitSchema } from "@/schemas/units";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { loadUnitFor } from "@/server/units/unit-access";
import { rethrowConflict } from "@/server/unique-violation";

export const unitConflicts: Record<string, [string, string]> = { units_code_key: ["code", "unitCodeTaken"] };

export async function createUnit(actor: Actor, input: unknown) {
  const data = createUnitSchema.parse(input);
  const parent = await loadUnitFor(actor, "unit.manage", data.parentId, "parentId");
  const id = randomUUID();
  const fields = {
    id,
    name: data.name,
    code: data.code,
    kind: data.kind,
    timeZone: data.timeZone,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
  };
  try {
    return await db.$transaction(async (tx) => {
      const unit = await tx.unit.create({ data: fields });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "unit.create",
        entityType: "Unit",
        entityId: id,
        unit,
        after: fields,
      });
      return { id: unit.id };
    });
  } catch (error) {
    rethrowConflict(error, unitConflicts);
  }
}
