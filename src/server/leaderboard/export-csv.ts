import "server-only";
import Papa from "papaparse";
import { components, type Component } from "@/lib/activity-index";
import { formatComponent, type NumberOptions } from "@/lib/format-component";
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
> & {
  components: Record<Component, string>;
  percentile: (component: string) => string;
  /** Platform names as people write them ("Facebook", not FACEBOOK_PAGE). */
  platformName: (platform: string) => string;
};

/**
 * How the file reads in the reader's spreadsheet (docs/decisions/0010-the-desk-on-phones.md): Indonesian
 * Excel splits cells on ";" and reads "12,5" as a number, English Excel splits on "," and reads "12.5".
 */
export type CsvLocale = "id" | "en";
const dialect: Record<CsvLocale, { delimiter: string; numberLocale: string }> = {
  id: { delimiter: ";", numberLocale: "id-ID" },
  en: { delimiter: ",", numberLocale: "en-GB" },
};

// Leading = + - @ would run as a formula in a spreadsheet: such text gets a leading apostrophe.
const safeText = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);

/**
 * The board as CSV, with the numbers as the screen shows them (score with one decimal, percentages as
 * percentages, percentiles whole) but without thousands separators, so a spreadsheet reads each as a number.
 */
export function boardToCsv(
  rows: BoardRow[],
  level: "unit" | "account",
  l: CsvLabels,
  locale: CsvLocale = "id",
): string {
  const { delimiter, numberLocale } = dialect[locale];
  const n = (v: number, o?: NumberOptions) =>
    new Intl.NumberFormat(numberLocale, { ...o, useGrouping: false }).format(v);
  const whole = (v: number | null) => (v === null ? "" : n(v, { maximumFractionDigits: 0 }));
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
    whole(r.rank),
    whole(r.prevRank),
    safeText(r.name),
    safeText(r.code),
    ...(level === "account" ? [r.platform ? l.platformName(r.platform) : "", safeText(r.unitName ?? "")] : []),
    n(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    ...components.flatMap((c) => {
      const shown = formatComponent(c, r.values, n);
      return [shown === "—" ? "" : shown, whole(r.percentiles[c])];
    }),
    whole(r.accounts),
    whole(r.dormant),
    whole(r.cur.published),
    whole(r.cur.onTime),
    whole(r.cur.failed),
    whole(r.cur.interactions),
    whole(r.cur.followers),
  ]);
  // A byte-order mark so spreadsheet programs read the Indonesian names as UTF-8.
  return `\uFEFF${Papa.unparse([head, ...lines], { delimiter, newline: "\r\n" })}\r\n`;
}
