import "server-only";
import { components, type Component } from "@/lib/activity-index";
import type { BoardRow } from "@/server/leaderboard/build-board";

export type CsvLabels = Record<
  | "rank"
  | "previousRank"
  | "name"
  | "code"
  | "platform"
  | "unit"
  | "score"
  | "accounts"
  | "dormant"
  | "published"
  | "onTime"
  | "failed"
  | "interactions"
  | "followers",
  string
> & { components: Record<Component, string>; percentile: (component: string) => string };

const cell = (v: string | number | null) => {
  if (v === null) return "";
  const s = String(v);
  // Quote what would split a cell, and neutralise leading = + - @ so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const round = (x: number | null, d: number) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The board as CSV: raw component values and percentiles, so the numbers can be checked in a spreadsheet. */
export function boardToCsv(rows: BoardRow[], level: "unit" | "account", l: CsvLabels): string {
  const head = [
    l.rank,
    l.previousRank,
    l.name,
    l.code,
    ...(level === "account" ? [l.platform, l.unit] : []),
    l.score,
    ...components.flatMap((c) => [l.components[c], l.percentile(l.components[c])]),
    l.accounts,
    l.dormant,
    l.published,
    l.onTime,
    l.failed,
    l.interactions,
    l.followers,
  ];
  const lines = rows.map((r) => [
    r.rank,
    r.prevRank,
    r.name,
    r.code,
    ...(level === "account" ? [r.platform, r.unitName] : []),
    r.score,
    ...components.flatMap((c) => [round(r.values[c], 4), round(r.percentiles[c], 1)]),
    r.accounts,
    r.dormant,
    r.cur.published,
    r.cur.onTime,
    r.cur.failed,
    r.cur.interactions,
    r.cur.followers,
  ]);
  // A byte-order mark so spreadsheet programs read the Indonesian names as UTF-8.
  return `\uFEFF${[head, ...lines].map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`;
}
