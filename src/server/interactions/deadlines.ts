import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Db, type Tx } from "@/server/db";
import { forbidden } from "@/server/errors";
import { rootOf } from "@/server/users/user-access";
import { defaultDeadlineHours, interactionCategories, type InteractionCategoryName } from "@/lib/interactions";
import { deadlineSettingsSchema } from "@/schemas/interactions";

// The hours a function has to answer a disposition, per organisation (root unit) and category, stored where
// the other per-root settings are kept (like the leaderboard's weights): a category without a row keeps the
// default of decision 0011.

export type DeadlineHours = Record<InteractionCategoryName, number>;

export async function deadlineHoursFor(unit: { path: string }, client: Db | Tx = db): Promise<DeadlineHours> {
  const rows = await client.dispositionDeadline.findMany({
    where: { rootUnitId: rootOf(unit) },
    select: { category: true, hours: true },
  });
  return { ...defaultDeadlineHours, ...Object.fromEntries(rows.map((r) => [r.category, r.hours])) };
}

/** The organisations whose deadlines the actor sets: SUPERVISOR or SUPERADMIN over the root unit. */
export async function configurableRoots(actor: Actor) {
  const roots = await db.unit.findMany({
    where: { parentId: null, id: { in: actor.memberships.map((m) => rootOf({ path: m.unitPath })) } },
    select: { id: true, name: true, path: true },
    orderBy: { name: "asc" },
  });
  return roots.filter((r) => actorCan(actor, "interaction.configure", r));
}

/** Sets every category's hours of one organisation; one audit entry with before and after. */
export async function updateDeadlineHours(actor: Actor, raw: unknown): Promise<DeadlineHours> {
  const input = deadlineSettingsSchema.parse(raw);
  const root = await db.unit.findUnique({
    where: { id: input.rootUnitId },
    select: { id: true, path: true, parentId: true },
  });
  if (!root || root.parentId !== null || !actorCan(actor, "interaction.configure", root)) throw forbidden();
  return db.$transaction(async (tx) => {
    const before = await deadlineHoursFor(root, tx);
    for (const category of interactionCategories) {
      const hours = input.hours[category];
      await tx.dispositionDeadline.upsert({
        where: { rootUnitId_category: { rootUnitId: root.id, category } },
        create: { rootUnitId: root.id, category, hours, updatedById: actor.id },
        update: { hours, updatedById: actor.id, updatedAt: new Date() },
      });
    }
    const after: DeadlineHours = { ...input.hours };
    await writeAudit(tx, {
      actorId: actor.id,
      action: "settings.dispositionDeadlines",
      entityType: "Settings",
      entityId: root.id,
      unit: root,
      before,
      after,
    });
    return after;
  });
}

/** Whether the actor configures some organisation's deadlines (a membership on a root unit that allows it). */
export function mayConfigureDeadlines(actor: Actor): boolean {
  return actor.memberships.some(
    (m) =>
      m.unitPath.split("/").filter(Boolean).length === 1 &&
      actorCan(actor, "interaction.configure", { path: m.unitPath }),
  );
}
