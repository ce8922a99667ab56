import { dayToIso } from "@/server/engagement/days";

/** Periods longer than this many days are charted and tabled per week (53 points for a year, not 365). */
export const WEEKLY_AFTER_DAYS = 92;

export type SeriesCounts = { published: number; failed: number; interactions: number };
/** One point: the day `day` (ISO), or the days `day` to `until` (a week) summed. */
export type SeriesPoint = SeriesCounts & { day: string; until?: string };

/**
 * The dashboard's trend from the period's per-day sums (days without a row count zero): a point per day up to
 * WEEKLY_AFTER_DAYS days, else a point per 7 days counted back from the period's last day (the latest weeks are
 * whole; the first may be shorter), each the exact sum of its days.
 */
export function trendSeries(
  from: number,
  to: number,
  byDay: ReadonlyMap<number, SeriesCounts>,
): { per: "day" | "week"; points: SeriesPoint[] } {
  const at = (day: number) => byDay.get(day) ?? { published: 0, failed: 0, interactions: 0 };
  if (to - from + 1 <= WEEKLY_AFTER_DAYS) {
    const points: SeriesPoint[] = [];
    for (let day = from; day <= to; day++) points.push({ day: dayToIso(day), ...at(day) });
    return { per: "day", points };
  }
  const points: SeriesPoint[] = [];
  for (let end = to; end >= from; end -= 7) {
    const start = Math.max(from, end - 6);
    const sum: SeriesCounts = { published: 0, failed: 0, interactions: 0 };
    for (let day = start; day <= end; day++) {
      const d = at(day);
      sum.published += d.published;
      sum.failed += d.failed;
      sum.interactions += d.interactions;
    }
    points.push({ day: dayToIso(start), until: dayToIso(end), ...sum });
  }
  return { per: "week", points: points.reverse() };
}
