import "server-only";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { buildBoard, type BoardRow } from "@/server/leaderboard/build-board";
import type { BoardScope } from "@/server/leaderboard/query-board-stats";
import { periodOf } from "@/server/leaderboard/load-board";
import type { Period } from "@/server/leaderboard/period";
import { getWeights, type CurrentWeights } from "@/server/leaderboard/weights";
import type { BoardQuery } from "@/schemas/leaderboard";

export type UnitDetail = {
  unit: {
    id: string;
    name: string;
    code: string;
    kind: string;
    parentId: string | null;
    parentName: string | null;
    hasChildren: boolean;
  };
  period: Period;
  weights: CurrentWeights;
  /** The unit's own line on its group's board (null for a top unit, which has no peers). */
  score: (BoardRow & { groupSize: number }) | null;
  /** Its accounts, each ranked among the accounts of the same platform in the unit's peer group. */
  accounts: (BoardRow & { groupSize: number })[];
};

/** Peers of a unit's accounts: same-platform accounts of the units in its group (or its own subtree at the top). */
export function accountPeersOf(unit: { parentId: string | null; path: string }): BoardScope["peers"] {
  return unit.parentId ? { kind: "children", parentId: unit.parentId } : { kind: "subtree", path: unit.path };
}

export async function loadUnitDetail(
  actor: Actor,
  unitId: string,
  q: BoardQuery,
  now = new Date(),
): Promise<UnitDetail> {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    include: { parent: { select: { name: true } }, _count: { select: { children: true } } },
  });
  if (!unit) throw notFound();
  assertCan(actor, "leaderboard.read", unit);
  const period = periodOf(q, now);
  const weights = await getWeights(unit);
  const [units, accounts] = await Promise.all([
    unit.parentId
      ? buildBoard(
          db,
          { peers: { kind: "children", parentId: unit.parentId }, level: "unit", period, platform: q.platform },
          weights.weights,
        )
      : Promise.resolve([]),
    buildBoard(db, { peers: accountPeersOf(unit), level: "account", period, platform: q.platform }, weights.weights),
  ]);
  const size = (rows: BoardRow[], group: string) => rows.filter((r) => r.group === group).length;
  const own = units.find((r) => r.key === unit.id);
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      kind: unit.kind,
      parentId: unit.parentId,
      parentName: unit.parent?.name ?? null,
      hasChildren: unit._count.children > 0,
    },
    period,
    weights,
    score: own ? { ...own, groupSize: units.length } : null,
    accounts: accounts.filter((r) => r.unitId === unit.id).map((r) => ({ ...r, groupSize: size(accounts, r.group) })),
  };
}
