import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { buildBoard, type BoardRow } from "@/server/leaderboard/build-board";
import { groupTrail, resolvePeerGroup, scopeRoots, type GroupUnit } from "@/server/leaderboard/peer-groups";
import { resolvePeriod, type Period } from "@/server/leaderboard/period";
import { getWeights, type CurrentWeights } from "@/server/leaderboard/weights";
import { awaitingInSubtrees, verificationOf } from "@/server/accounts/verification-counts";
import type { AccountVerification } from "@/generated/prisma/enums";
import type { BoardQuery } from "@/schemas/leaderboard";

export type Board = {
  parent: GroupUnit;
  trail: GroupUnit[];
  roots: GroupUnit[];
  period: Period;
  weights: CurrentWeights;
  rows: (BoardRow & { canOpen: boolean; awaitingVerification: number; verification?: AccountVerification })[];
  /** The accounts view lists every account of the subtree, so it needs read access to the whole subtree. */
  canViewAccounts: boolean;
};

export function periodOf(q: BoardQuery, now = new Date()): Period {
  return resolvePeriod(q.period === "custom" ? { kind: "custom", from: q.from!, to: q.to! } : { kind: q.period }, now);
}

/** The leaderboard page and its CSV: one peer group of units, or every account of the group's subtree. */
export async function loadBoard(actor: Actor, q: BoardQuery, now = new Date()): Promise<Board> {
  const parent = await resolvePeerGroup(actor, q.parent);
  const canViewAccounts = actorCan(actor, "leaderboard.read", parent);
  if (q.view === "accounts" && !canViewAccounts) throw notFound();
  const period = periodOf(q, now);
  const [weights, trail, roots] = await Promise.all([getWeights(parent), groupTrail(actor, parent), scopeRoots(actor)]);
  const rows = await buildBoard(
    db,
    q.view === "accounts"
      ? { peers: { kind: "subtree", path: parent.path }, level: "account", period, platform: q.platform }
      : {
          peers: { kind: "children", parentId: parent.id },
          level: "unit",
          basis: q.basis,
          period,
          platform: q.platform,
        },
    weights.weights,
  );
  const paths = new Map(
    (
      await db.unit.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } },
        select: { id: true, path: true },
      })
    ).map((u) => [u.id, u.path]),
  );
  // What awaits HQ's verification: per unit subtree on unit boards, per account on account boards.
  const [awaiting, states] = await Promise.all([
    q.view === "accounts"
      ? Promise.resolve(new Map<string, number>())
      : awaitingInSubtrees([...paths].map(([id, path]) => ({ id, path }))),
    q.view === "accounts"
      ? verificationOf(rows.map((r) => r.key))
      : Promise.resolve(new Map<string, AccountVerification>()),
  ]);
  return {
    parent,
    trail,
    roots,
    period,
    weights,
    canViewAccounts,
    rows: rows.map((r) => ({
      ...r,
      canOpen: actorCan(actor, "leaderboard.read", { path: paths.get(r.unitId) ?? "" }),
      awaitingVerification:
        q.view === "accounts" ? (states.get(r.key) === "PENDING" ? 1 : 0) : (awaiting.get(r.unitId) ?? 0),
      verification: states.get(r.key),
    })),
  };
}
