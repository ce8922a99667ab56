import "server-only";
import type { Db } from "@/server/db";
import { computeIndex, type Component, type ComponentValues, type Weights } from "@/lib/activity-index";
import { componentsOf } from "@/server/leaderboard/components-of";
import { queryBoardStats, type BoardScope, type PeerStats } from "@/server/leaderboard/query-board-stats";

export type BoardRow = PeerStats & {
  values: ComponentValues;
  percentiles: Record<Component, number>;
  score: number;
  rank: number;
  /** Rank in the previous period, null when nobody in the group did anything then (nothing to compare). */
  prevRank: number | null;
  prevScore: number | null;
  /** Peer group the row was ranked in: "all" for units, the platform for accounts. */
  group: string;
};

/** Scores and ranks one peer group for the period and the period before; accounts rank within their platform. */
export async function buildBoard(db: Db, scope: BoardScope, weights: Weights): Promise<BoardRow[]> {
  const stats = await queryBoardStats(db, scope);
  const groups = new Map<string, PeerStats[]>();
  for (const s of stats) {
    const g = scope.level === "unit" ? "all" : (s.platform ?? "all");
    const list = groups.get(g);
    if (list) list.push(s);
    else groups.set(g, [s]);
  }
  const rows: BoardRow[] = [];
  for (const [group, peers] of groups) {
    const days = scope.period.days;
    const cur = computeIndex(
      peers.map((s) => ({ key: s, values: componentsOf(s.cur, s.accounts, days) })),
      weights,
    );
    const prevActive = peers.some((s) => s.prev.published + s.prev.failed > 0);
    const prev = prevActive
      ? computeIndex(
          peers.map((s) => ({ key: s, values: componentsOf(s.prev, s.accounts, days) })),
          weights,
        )
      : [];
    const prevOf = new Map(prev.map((r) => [r.key, r]));
    for (const r of cur) {
      const before = prevOf.get(r.key);
      rows.push({
        ...r.key,
        values: r.values,
        percentiles: r.percentiles,
        score: r.score,
        rank: r.rank,
        prevRank: before?.rank ?? null,
        prevScore: before?.score ?? null,
        group,
      });
    }
  }
  return rows.sort((a, b) => a.group.localeCompare(b.group) || a.rank - b.rank || a.name.localeCompare(b.name));
}
