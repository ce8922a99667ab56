import type { Component, ComponentValues } from "@/lib/activity-index";

export type NumberOptions = { style?: "percent"; maximumFractionDigits?: number; minimumFractionDigits?: number };
export type NumberFormat = (value: number, options?: NumberOptions) => string;

/** How each component reads to a person: posts per account, shares as percentages, interactions as counts. */
export function formatComponent(c: Component, values: ComponentValues, n: NumberFormat): string {
  const v = values[c];
  if (v === null) return "—";
  switch (c) {
    case "activity":
      return n(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    case "consistency":
    case "reliability":
    case "responsiveness":
      return n(v, { style: "percent", maximumFractionDigits: 0 });
    case "engagement":
      return n(v, { maximumFractionDigits: 0 });
    case "engagementRate":
      return n(v, { style: "percent", maximumFractionDigits: 2, minimumFractionDigits: 2 });
  }
}
