import "server-only";
import { isoToDay, localDay } from "@/server/engagement/days";

/** Inclusive day numbers (days since 1970-01-01) of a period and of the equally long period before it. */
export type Period = { from: number; to: number; prevFrom: number; prevTo: number; days: number };

export type PeriodChoice = { kind: "7" | "30" | "90" } | { kind: "custom"; from: string; to: string };

/** Presets end today (in Jakarta: the office's day) and include it, so fresh numbers show at once. */
export function resolvePeriod(choice: PeriodChoice, now = new Date()): Period {
  let from: number;
  let to: number;
  if (choice.kind === "custom") {
    from = isoToDay(choice.from);
    to = isoToDay(choice.to);
  } else {
    to = localDay(now, "Asia/Jakarta");
    from = to - Number(choice.kind) + 1;
  }
  const days = to - from + 1;
  return { from, to, prevFrom: from - days, prevTo: from - 1, days };
}

/** No published post in the 14 days ending at the period's end (docs/product.md). */
export const DORMANT_DAYS = 14;
