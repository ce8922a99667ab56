import { getTranslations } from "next-intl/server";

/** Movement since the previous period: up is good news, so it is green. */
export async function RankChange({ rank, prevRank }: { rank: number; prevRank: number | null }) {
  const t = await getTranslations("leaderboard");
  if (prevRank === null)
    return (
      <span className="text-xs text-slate-600" title={t("noPrevious")}>
        —
      </span>
    );
  const d = prevRank - rank;
  if (d === 0)
    return (
      <span className="text-xs text-slate-600" title={t("same")}>
        =
      </span>
    );
  return d > 0 ? (
    <span className="text-xs font-semibold text-emerald-700" title={t("up", { n: d })} data-testid="rank-change">
      ▲ {d}
    </span>
  ) : (
    <span className="text-xs font-semibold text-red-700" title={t("down", { n: -d })} data-testid="rank-change">
      ▼ {-d}
    </span>
  );
}
