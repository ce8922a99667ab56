import "server-only";
import type { ComponentValues } from "@/lib/activity-index";
import type { PeriodStats } from "@/server/leaderboard/query-board-stats";

/**
 * The six components from a peer's roll-up totals (docs/decisions/0004-activity-index.md).
 * Consistency is per account, like activity: a unit that posts daily on one of four accounts is not consistent.
 * No posts means zero engagement and zero reliability; unknown followers leave the rate missing, and so does
 * Responsivitas for a peer with no citizens' item decided in the period (nothing to answer is not a score).
 */
export function componentsOf(s: PeriodStats, accounts: number, days: number): ComponentValues {
  const attempts = s.published + s.failed;
  return {
    activity: accounts > 0 ? s.published / accounts : 0,
    consistency: accounts > 0 && days > 0 ? s.activeDays / (accounts * days) : 0,
    engagement: s.median ?? 0,
    engagementRate: s.followers && s.followers > 0 ? s.interactions / s.followers : null,
    reliability: attempts > 0 ? s.onTime / attempts : 0,
    responsiveness: s.responsesDue > 0 ? s.responsesOnTime / s.responsesDue : null,
  };
}
