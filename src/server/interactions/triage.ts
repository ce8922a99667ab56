import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { rolesWith, type Action } from "@/server/auth/policy";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Tx } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";
import { assignSchema, interactionIdSchema, triageSchema } from "@/schemas/interactions";

// Humas triage (issue 16 item 3): category, urgency, the operator in charge, closing an item that needs no
// reply. Each in one transaction with its audit entry; the item's row is locked first, so two operators at
// once apply one after the other. Audit entries name what changed, never the citizen's words (personal data).

/** Locks and loads an item the actor may act on; missing and outside the subtree answer alike. */
export async function lockInteraction(tx: Tx, actor: Actor, id: string, action: Action) {
  await tx.$queryRaw`SELECT id FROM interactions WHERE id = ${id}::uuid FOR UPDATE`;
  const item = await tx.interaction.findUnique({
    where: { id },
    select: {
      id: true,
      state: true,
      category: true,
      urgent: true,
      assigneeId: true,
      unit: { select: { id: true, path: true } },
      dispositions: { where: { answeredAt: null }, select: { id: true } },
    },
  });
  if (!item || !actorCan(actor, action, item.unit)) throw forbidden();
  return item;
}

const finished = new Set(["REPLIED", "CLOSED"]);

export async function triageInteraction(actor: Actor, raw: unknown) {
  const input = triageSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const item = await lockInteraction(tx, actor, input.interactionId, "interaction.triage");
    const state = item.state === "NEW" ? "TRIAGED" : item.state;
    await tx.interaction.update({
      where: { id: item.id },
      data: { category: input.category, urgent: input.urgent, state },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "interaction.triage",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { category: item.category, urgent: item.urgent, state: item.state },
      after: { category: input.category, urgent: input.urgent, state },
    });
    return { state };
  });
}

export async function assignInteraction(actor: Actor, raw: unknown) {
  const input = assignSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const item = await lockInteraction(tx, actor, input.interactionId, "interaction.triage");
    if (input.assigneeId) {
      // An operator is Humas (ADMIN or SUPERVISOR) on the item's unit or above, and not disabled.
      const ancestors = item.unit.path.split("/").filter(Boolean);
      const eligible = await tx.user.count({
        where: {
          id: input.assigneeId,
          disabledAt: null,
          memberships: { some: { role: { in: rolesWith("interaction.triage") }, unitId: { in: ancestors } } },
        },
      });
      if (!eligible) throw new AppError("VALIDATION", "validation", { assigneeId: "assigneeNotEligible" });
    }
    await tx.interaction.update({ where: { id: item.id }, data: { assigneeId: input.assigneeId } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "interaction.assign",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { userId: item.assigneeId },
      after: { userId: input.assigneeId },
    });
    return { assigneeId: input.assigneeId };
  });
}

/** Closes an item that needs no public reply (spam, an appreciation acknowledged); not while a function works on it. */
export async function closeInteraction(actor: Actor, raw: unknown) {
  const input = interactionIdSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const item = await lockInteraction(tx, actor, input.interactionId, "interaction.triage");
    if (finished.has(item.state)) throw new AppError("CONFLICT", "interactionFinished");
    if (item.dispositions.length) throw new AppError("CONFLICT", "dispositionOpen");
    const resolvedAt = new Date();
    await tx.interaction.update({ where: { id: item.id }, data: { state: "CLOSED", resolvedAt } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "interaction.close",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { state: item.state },
      after: { state: "CLOSED", resolvedAt },
    });
    return { state: "CLOSED" as const };
  });
}
