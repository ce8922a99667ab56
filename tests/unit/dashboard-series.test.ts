import { describe, expect, it } from "vitest";
import { trendSeries, WEEKLY_AFTER_DAYS, type SeriesCounts } from "@/server/dashboard/series";
import { isoToDay } from "@/server/engagement/days";

const d = isoToDay;
/** Some days with figures, some without (no row: zero), different on every day. */
function days(from: number, to: number): Map<number, SeriesCounts> {
  const m = new Map<number, SeriesCounts>();
  for (let day = from; day <= to; day++)
    if (day % 5 !== 0)
      m.set(day, { published: day % 13, failed: day % 3 === 0 ? 1 : 0, interactions: (day % 97) * 1.5 });
  return m;
}
const total = (ps: SeriesCounts[]) =>
  ps.reduce(
    (s, p) => ({
      published: s.published + p.published,
      failed: s.failed + p.failed,
      interactions: s.interactions + p.interactions,
    }),
    {
      published: 0,
      failed: 0,
      interactions: 0,
    },
  );

describe("the dashboard's trend", () => {
  it("has a point per day up to 92 days", () => {
    const from = d("2026-09-02");
    const to = from + WEEKLY_AFTER_DAYS - 1;
    const s = trendSeries(from, to, days(from, to));
    expect(s.per).toBe("day");
    expect(s.points).toHaveLength(92);
    expect(s.points[0]!.day).toBe("2026-09-02");
    expect(s.points.some((p) => p.until)).toBe(false);
  });

  it("has a point per week for a year: 53 points, each the exact sum of its days, the latest weeks whole", () => {
    const from = d("2025-12-03");
    const to = d("2026-12-02");
    const byDay = days(from, to);
    const s = trendSeries(from, to, byDay);
    expect(s.per).toBe("week");
    expect(s.points).toHaveLength(53);
    // The last week ends on the period's last day; the first is what is left (365 = 52 × 7 + 1).
    expect(s.points.at(-1)).toMatchObject({ day: "2026-11-26", until: "2026-12-02" });
    expect(s.points[0]).toMatchObject({ day: "2025-12-03", until: "2025-12-03" });
    // Every day in exactly one week, in order, and each week the sum of its own days.
    let next = from;
    for (const p of s.points) {
      expect(d(p.day)).toBe(next);
      const own = [];
      for (let day = d(p.day); day <= d(p.until!); day++)
        own.push(byDay.get(day) ?? { published: 0, failed: 0, interactions: 0 });
      expect({ published: p.published, failed: p.failed, interactions: p.interactions }).toEqual(total(own));
      next = d(p.until!) + 1;
    }
    expect(next).toBe(to + 1);
    expect(total(s.points)).toEqual(total([...byDay.values()]));
  });

  it("switches to weeks just past 92 days", () => {
    const from = d("2026-09-01");
    const s = trendSeries(from, from + WEEKLY_AFTER_DAYS, new Map());
    expect(s.per).toBe("week");
    expect(s.points).toHaveLength(14);
    expect(s.points.every((p) => p.published === 0 && p.failed === 0 && p.interactions === 0)).toBe(true);
  });
});
