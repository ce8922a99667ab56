// The activity index (Indeks Keaktifan) as a pure function, so it can be worked by hand and tested
// without a database. Definitions and a worked example: docs/decisions/0004-activity-index.md.

export const components = [
  "activity",
  "consistency",
  "engagement",
  "engagementRate",
  "reliability",
  "responsiveness",
] as const;
export type Component = (typeof components)[number];
export type Weights = Record<Component, number>;
/** A component the peer has no number for (e.g. no followers known) is null and ranks below every number. */
export type ComponentValues = Record<Component, number | null>;

/** Responsivitas took 15 from the other five when it arrived (decision 0004, "Responsivitas"). */
export const defaultWeights: Weights = {
  activity: 20,
  consistency: 20,
  engagement: 15,
  engagementRate: 10,
  reliability: 20,
  responsiveness: 15,
};

export type Peer<K> = { key: K; values: ComponentValues };
export type Scored<K> = Peer<K> & { percentiles: Record<Component, number>; score: number; rank: number };

/**
 * Percentile rank of each value within its group, 0–100:
 * (peers strictly below + ½ × other peers with the same value) ÷ (n − 1) × 100.
 * The best peer gets 100, the worst 0, a group that is all tied 50; a group of one gets 100.
 */
export function percentileRanks(values: readonly (number | null)[]): number[] {
  const n = values.length;
  if (n === 1) return [100];
  const keyed = values.map((v) => (v === null ? Number.NEGATIVE_INFINITY : v));
  // A typed array sorts numbers natively (no comparator calls); -Infinity stands for "no number".
  const sorted = Float64Array.from(keyed).sort();
  // Sorted once, then two binary searches per peer: a board of 1,000 accounts stays well under a millisecond.
  const firstIndex = (x: number, strict: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x || (strict && sorted[mid]! === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return keyed.map((v) => {
    const below = firstIndex(v, false);
    const ties = firstIndex(v, true) - below - 1;
    return ((below + 0.5 * ties) / (n - 1)) * 100;
  });
}

/** Standard competition ranking ("1, 2, 2, 4") of scores, highest first. */
export function competitionRanks(scores: readonly number[]): number[] {
  const desc = [...scores].sort((a, b) => b - a);
  // 1 + how many scores are higher: the first position in the descending list holding this score or less.
  return scores.map((s) => {
    let lo = 0;
    let hi = desc.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (desc[mid]! > s) lo = mid + 1;
      else hi = mid;
    }
    return 1 + lo;
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Scores every peer: each component's percentile rank, their weighted mean (0–100, rounded to one
 * decimal so that what is shown is what is ranked) and the rank within the group.
 */
export function computeIndex<K>(peers: readonly Peer<K>[], weights: Weights): Scored<K>[] {
  if (peers.length === 0) return [];
  const totalWeight = components.reduce((s, c) => s + weights[c], 0);
  const ranks = components.map((c) => percentileRanks(peers.map((p) => p.values[c])));
  const scored: Scored<K>[] = peers.map((peer, i) => {
    const percentiles = {
      activity: ranks[0]![i]!,
      consistency: ranks[1]![i]!,
      engagement: ranks[2]![i]!,
      engagementRate: ranks[3]![i]!,
      reliability: ranks[4]![i]!,
      responsiveness: ranks[5]![i]!,
    };
    // Summed in the components' order, as the weighted mean is defined.
    let sum = 0;
    for (const c of components) sum += weights[c] * percentiles[c];
    return {
      key: peer.key,
      values: peer.values,
      percentiles,
      score: totalWeight > 0 ? round1(sum / totalWeight) : 0,
      rank: 0,
    };
  });
  const ranked = competitionRanks(scored.map((s) => s.score));
  scored.forEach((s, i) => {
    s.rank = ranked[i]!;
  });
  return scored;
}
