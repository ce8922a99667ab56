import "server-only";
import type { ComponentValues } from "@/lib/activity-index";
import type { PeriodStats } from "@/server/leaderboard/query-board-stats";

/**
 * The five components from a peer's roll-up totals (docs/decisions/0004-activity-index.md).
 * Consistency is per account, like activity: a unit that posts daily on one of four accounts is not consistent.
 * No posts means zero engagement and zero reliability; unknown followers leave the rate missing.
 */
export function componentsOf(s: PeriodStats, accounts: number, days: number): ComponentValues {
  const attempts = s.published + s.failed;
  return {
    activity: accounts > 0 ? s.published / accounts : 0,
    consistency: accounts > 0 && days > 0 ? s.activeDays / (accounts * days) : 0,
    engagement: s.median ?? 0,
    engagementRate: s.followers && s.followers > 0 ? s.interactions / s.followers : null,
    reliability: attempts > 0 ? s.onTime / attempts : 0,
  };
}
