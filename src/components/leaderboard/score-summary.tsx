import { getFormatter, getTranslations } from "next-intl/server";
import { formatComponent, type NumberOptions } from "@/lib/format-component";
import { RankChange } from "@/components/leaderboard/rank-change";
import { components } from "@/lib/activity-index";
import type { BoardRow } from "@/server/leaderboard/build-board";

/** One unit's or account's line of the board as a card: score, rank in its group, and every component. */
export async function ScoreSummary({
  row,
  groupSize,
  groupLabel,
  level = "unit",
}: {
  row: BoardRow;
  groupSize: number;
  groupLabel: string;
  level?: "unit" | "account";
}) {
  const [t, format] = await Promise.all([getTranslations("leaderboard"), getFormatter()]);
  const n = (v: number, o?: NumberOptions) => format.number(v, o);
  return (
    <section
      className="grid grid-cols-1 gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-[12rem_1fr]"
      data-testid="score-summary"
    >
      <div className="border-b border-slate-100 pb-4 md:border-b-0 md:border-r md:pb-0 md:pr-4">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t("score")}</p>
        <p className="text-4xl font-bold tabular-nums text-brand-900" data-testid="summary-score">
          {n(row.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
        </p>
        <p className="mt-1 text-sm text-slate-700" data-testid="summary-rank">
          {t("rankOf", { rank: row.rank, count: groupSize })} <RankChange rank={row.rank} prevRank={row.prevRank} />
        </p>
        <p className="text-xs text-slate-600">{groupLabel}</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
        {components.map((c) => (
          <div key={c}>
            <dt className="text-xs font-medium text-slate-600" title={t(`componentHelp.${c}`)}>
              {t(`components.${c}`)}
            </dt>
            <dd className="text-lg font-semibold tabular-nums">{formatComponent(c, row.values, n)}</dd>
            <dd className="text-xs text-slate-600">
              {t(level === "unit" ? "betterThanUnits" : "betterThanAccounts", {
                pct: n(row.percentiles[c] / 100, { style: "percent", maximumFractionDigits: 0 }),
              })}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
