import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { BoardRow } from "@/server/leaderboard/build-board";

/** The five best and five weakest of a peer group, each with its score and the component that held it back. */
export async function TopBottom({ rows, hrefFor }: { rows: BoardRow[]; hrefFor: (r: BoardRow) => string }) {
  const [t, tl, format] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("leaderboard"),
    getFormatter(),
  ]);
  const top = rows.slice(0, 5);
  const bottom = rows.length > 5 ? rows.slice(-Math.min(5, rows.length - 5)).reverse() : [];
  const list = (items: BoardRow[], testId: string, tone: string) => (
    <ol className="divide-y divide-slate-100" data-testid={testId}>
      {items.map((r) => {
        const weakest = (Object.entries(r.percentiles) as [keyof typeof r.percentiles, number][]).sort(
          (a, b) => a[1] - b[1],
        )[0]!;
        return (
          <li key={r.key} className="flex items-center gap-3 py-2 text-sm">
            <span className={`w-7 text-right font-bold tabular-nums ${tone}`}>{r.rank}</span>
            <span className="min-w-0 flex-1">
              <Link href={hrefFor(r)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {r.name}
              </Link>
              <span className="block text-xs text-slate-600">
                {t("weakest", { component: tl(`components.${weakest[0]}`) })}
              </span>
            </span>
            <span className="font-semibold tabular-nums">
              {format.number(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
            </span>
          </li>
        );
      })}
    </ol>
  );
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <div>
        <h3 className="mb-1 text-sm font-semibold text-emerald-800">{t("topFive")}</h3>
        {list(top, "top-five", "text-emerald-700")}
      </div>
      <div>
        <h3 className="mb-1 text-sm font-semibold text-red-800">{t("bottomFive")}</h3>
        {bottom.length ? (
          list(bottom, "bottom-five", "text-red-700")
        ) : (
          <p className="text-sm text-slate-600">{t("groupTooSmall")}</p>
        )}
      </div>
    </div>
  );
}
