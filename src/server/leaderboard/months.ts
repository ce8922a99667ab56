import "server-only";
// Splitting a period into whole calendar months (read from account_monthly_stats) and the days left over
// at either end (read from the daily roll-ups), so a year costs ~12 + ~30 rows per account instead of 365.

export type DaySpan = readonly [from: number, to: number];
export type MonthSplit = {
  /** First days of the first and the last whole month inside the period, or null if there is none. */
  months: DaySpan | null;
  /** Inclusive day ranges of the period outside those months (0, 1 or 2 of them). */
  days: DaySpan[];
};

const DAY_MS = 86_400_000;
/** First day of the calendar month containing `day` (days since 1970-01-01). */
export function monthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}
function nextMonthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

export function splitMonths(from: number, to: number): MonthSplit {
  if (to < from) return { months: null, days: [] };
  const first = monthStart(from) === from ? from : nextMonthStart(from);
  const lastEnd = monthStart(to + 1) - 1; // last day of the last month that ends by `to`
  if (first > lastEnd) return { months: null, days: [[from, to]] };
  const days: DaySpan[] = [];
  if (from < first) days.push([from, first - 1]);
  if (lastEnd < to) days.push([lastEnd + 1, to]);
  return { months: [first, monthStart(lastEnd)], days };
}
