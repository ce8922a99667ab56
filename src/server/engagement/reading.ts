import "server-only";
// A reading of one post as the collector stores it. null = the platform gave no number.

export const metricFields = ["views", "likes", "comments", "shares", "saves", "clicks"] as const;
export type MetricField = (typeof metricFields)[number];
export type Reading = Record<MetricField, number | null>;

const INT_MAX = 2_147_483_647;

/** Platforms send strings, floats or garbage now and then: keep whole non-negative numbers, clamp to the column. */
export function cleanReading(input: Partial<Record<MetricField, unknown>>): Reading {
  const clean = (v: unknown): number | null => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) && n >= 0 ? Math.min(Math.round(n), INT_MAX) : null;
  };
  return Object.fromEntries(metricFields.map((f) => [f, clean(input[f])])) as Reading;
}

/** A reading without a single number ("not enough viewers") is missing: it must not count as zero engagement. */
export function isMissing(r: Reading): boolean {
  return metricFields.every((f) => r[f] === null);
}

/** Likes or reactions + comments + shares or reposts + saves + clicks; views are not comparable between platforms. */
export function interactionsOf(r: Reading): number {
  return (r.likes ?? 0) + (r.comments ?? 0) + (r.shares ?? 0) + (r.saves ?? 0) + (r.clicks ?? 0);
}
