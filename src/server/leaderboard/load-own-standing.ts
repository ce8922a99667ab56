import "server-only";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { computeIndex, type Component, type ComponentValues } from "@/lib/activity-index";
import { componentsOf } from "@/server/leaderboard/components-of";
import { queryBoardStats } from "@/server/leaderboard/query-board-stats";
import { periodOf } from "@/server/leaderboard/load-board";
import { getWeights } from "@/server/leaderboard/weights";
import { can } from "@/server/auth/policy";
import type { BoardQuery } from "@/schemas/leaderboard";

export type Standing = {
  /** `kind` names the peers as people do ("Polres" for a group of Polres and Polresta). */
  unit: { id: string; name: string; kind: string };
  /** The unit above, whose children are the peers (Mabes for a Polda, the Polda for a Polres). */
  parent: { id: string; name: string };
  peers: number;
  /** Share of the other peers whose score is lower, 0..1: "lebih aktif dari 56 % Polda". */
  aheadOf: number;
  row: { rank: number; score: number; values: ComponentValues; percentiles: Record<Component, number> };
};

/**
 * Where each of the actor's own units stands among its peers (docs/decisions/0010-the-desk-on-phones.md):
 * a Kapolda sees Polda Kaltim among the 34 Polda even though his membership covers only Polda Kaltim. The
 * peers are the units of the same kind under the same parent (the Polda, not Divisi Humas beside them;
 * a kind is known by its first five letters, so Polres, Polresta and Polrestabes are peers),
 * scored with the board's index and weights; only the actor's own unit is returned, never the other units'
 * rows, so the standing tells nothing about units outside the actor's subtree but their number.
 */
export async function loadOwnStanding(actor: Actor, q: BoardQuery, now = new Date()): Promise<Standing[]> {
  const own = actor.memberships.filter((m) => can([m], "leaderboard.read", m.unitPath));
  if (!own.length) return [];
  const units = await db.unit.findMany({
    where: { id: { in: [...new Set(own.map((m) => m.unitId))] }, parentId: { not: null } },
    select: { id: true, name: true, kind: true, path: true, parent: { select: { id: true, name: true } } },
    orderBy: { path: "asc" },
  });
  if (!units.length) return [];
  const period = periodOf(q, now);
  const standings: Standing[] = [];
  for (const unit of units) {
    // Each organisation scores its units by its own weights.
    const { weights } = await getWeights(unit);
    const [stats, siblings] = await Promise.all([
      queryBoardStats(db, {
        peers: { kind: "children", parentId: unit.parent!.id },
        level: "unit",
        basis: q.basis,
        period,
        platform: q.platform,
      }),
      db.unit.findMany({ where: { parentId: unit.parent!.id }, select: { id: true, kind: true } }),
    ]);
    // Polres, Polresta and Polrestabes are one kind of unit; Divisi Humas is not a Polda.
    const family = (kind: string) => kind.slice(0, 5).toLowerCase();
    const peers = siblings.filter((u) => family(u.kind) === family(unit.kind));
    const sameKind = new Set(peers.map((u) => u.id));
    const counts = new Map<string, number>();
    for (const u of peers) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
    const kind = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? unit.kind;
    const scored = computeIndex(
      stats
        .filter((s) => sameKind.has(s.unitId))
        .map((s) => ({ key: s.unitId, values: componentsOf(s.cur, s.accounts, period.days) })),
      weights,
    );
    const mine = scored.find((r) => r.key === unit.id);
    if (!mine) continue;
    const others = scored.length - 1;
    standings.push({
      unit: { id: unit.id, name: unit.name, kind },
      parent: unit.parent!,
      peers: scored.length,
      aheadOf: others > 0 ? scored.filter((r) => r.score < mine.score).length / others : 0,
      row: { rank: mine.rank, score: mine.score, values: mine.values, percentiles: mine.percentiles },
    });
  }
  return standings;
}
