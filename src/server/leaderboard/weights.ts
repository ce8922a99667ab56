import "server-only";
import { actorCanAnywhere, type Actor } from "@/server/auth/guards";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Db, type Tx } from "@/server/db";
import { forbidden } from "@/server/errors";
import { defaultWeights, type Weights } from "@/lib/activity-index";
import { weightsSchema } from "@/schemas/leaderboard";

export type CurrentWeights = { weights: Weights; changedAt: Date | null; changedBy: string | null; isDefault: boolean };

/** The newest row is in force; before anyone sets weights, the documented defaults are. */
export async function getWeights(client: Db | Tx = db): Promise<CurrentWeights> {
  const row = await client.scoreWeights.findFirst({
    orderBy: { id: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return { weights: defaultWeights, changedAt: null, changedBy: null, isDefault: true };
  const { activity, consistency, engagement, engagementRate, reliability } = row;
  return {
    weights: { activity, consistency, engagement, engagementRate, reliability },
    changedAt: row.createdAt,
    changedBy: row.createdBy.name,
    isDefault: false,
  };
}

export async function listWeightChanges(limit = 10) {
  return db.scoreWeights.findMany({
    orderBy: { id: "desc" },
    take: limit,
    include: { createdBy: { select: { name: true } } },
  });
}

/**
 * The weights are one national setting, so only SUPERADMIN changes them. Each change is a new row
 * (old rankings stay explainable) and an audit entry, in one transaction.
 */
export async function updateWeights(actor: Actor, input: unknown): Promise<Weights> {
  if (!actorCanAnywhere(actor, "weights.manage")) throw forbidden();
  const weights = weightsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await getWeights(tx);
    await tx.scoreWeights.create({ data: { ...weights, createdById: actor.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "weights.update",
      entityType: "Settings",
      entityId: "score_weights",
      before: before.weights,
      after: weights,
    });
    return weights;
  });
}
