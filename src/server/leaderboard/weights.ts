import "server-only";
import { z } from "zod";
import { actorCan, type Actor } from "@/server/auth/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Db, type Tx } from "@/server/db";
import { forbidden, notFound } from "@/server/errors";
import { rootOf } from "@/server/users/user-access";
import { defaultWeights, type Weights } from "@/lib/activity-index";
import { weightsSchema } from "@/schemas/leaderboard";

export type CurrentWeights = {
  /** The organisation (root unit) the weights belong to. */
  rootUnitId: string;
  weights: Weights;
  changedAt: Date | null;
  changedBy: string | null;
  isDefault: boolean;
};

/**
 * The weights in force for the organisation a unit belongs to: each root unit has its own, the newest row is
 * in force, and before anyone sets them the documented defaults are.
 */
export async function getWeights(unit: { path: string }, client: Db | Tx = db): Promise<CurrentWeights> {
  const rootUnitId = rootOf(unit);
  const row = await client.scoreWeights.findFirst({
    where: { rootUnitId },
    orderBy: { id: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return { rootUnitId, weights: defaultWeights, changedAt: null, changedBy: null, isDefault: true };
  const { activity, consistency, engagement, engagementRate, reliability, responsiveness } = row;
  return {
    rootUnitId,
    weights: { activity, consistency, engagement, engagementRate, reliability, responsiveness },
    changedAt: row.createdAt,
    changedBy: row.createdBy.name,
    isDefault: false,
  };
}

export async function listWeightChanges(rootUnitId: string, limit = 10) {
  return db.scoreWeights.findMany({
    where: { rootUnitId },
    orderBy: { id: "desc" },
    take: limit,
    include: { createdBy: { select: { name: true } } },
  });
}

/** Whether the actor changes the weights of the organisation `unit` belongs to: SUPERADMIN over its root. */
export function canManageWeights(actor: Actor, unit: { path: string }): boolean {
  const root = rootOf(unit);
  return actorCan(actor, "weights.manage", { path: `/${root}/` });
}

/** The organisations whose weights the actor changes, in name order. */
export async function managedWeightRoots(actor: Actor) {
  const roots = await db.unit.findMany({
    where: { parentId: null, id: { in: actor.memberships.map((m) => rootOf({ path: m.unitPath })) } },
    select: { id: true, name: true, path: true },
    orderBy: { name: "asc" },
  });
  return roots.filter((r) => actorCan(actor, "weights.manage", r));
}

const updateWeightsSchema = z.object({ rootUnitId: z.uuid("invalidId") });

/**
 * Each organisation ranks its units by weights of its own, so only a SUPERADMIN over that organisation's root
 * changes them (a SUPERADMIN of another organisation, or of a unit below the root, is refused). Each change is
 * a new row (old rankings stay explainable) and an audit entry, in one transaction.
 */
export async function updateWeights(actor: Actor, input: unknown): Promise<Weights> {
  const { rootUnitId } = updateWeightsSchema.parse(input);
  const root = await db.unit.findUnique({
    where: { id: rootUnitId },
    select: { id: true, path: true, parentId: true },
  });
  // An id that is no root, or a root of another organisation, reads alike: nothing to manage here.
  if (!root || root.parentId !== null) throw notFound();
  if (!actorCan(actor, "weights.manage", root)) throw forbidden();
  const weights = weightsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await getWeights(root, tx);
    await tx.scoreWeights.create({ data: { ...weights, rootUnitId, createdById: actor.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "weights.update",
      entityType: "Settings",
      entityId: "score_weights",
      unit: { id: root.id, path: root.path },
      before: before.weights,
      after: weights,
    });
    return weights;
  });
}
