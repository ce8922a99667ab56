import { getFormatter, getTranslations } from "next-intl/server";
import { components } from "@/lib/activity-index";
import { formatComponent, type NumberOptions } from "@/lib/format-component";
import type { Standing } from "@/server/leaderboard/load-own-standing";

/**
 * "Where my unit stands": the reader's own unit among its peers nationally, in plain words (rank, how many
 * it is ahead of, and why, component by component), even when the board below shows only their subtree.
 */
export async function OwnStanding({ standings }: { standings: Standing[] }) {
  if (!standings.length) return null;
  const [t, tl, format] = await Promise.all([
    getTranslations("leaderboard.standing"),
    getTranslations("leaderboard"),
    getFormatter(),
  ]);
  const n = (v: number, o?: NumberOptions) => format.number(v, o);
  const pct = (share: number) => n(share, { style: "percent", maximumFractionDigits: 0 });
  return (
    <div className="mb-5 grid grid-cols-1 gap-4 lg:grid-cols-2">
      {standings.map((s) => (
        <section
          key={s.unit.id}
          aria-labelledby={`standing-${s.unit.id}`}
          className="rounded-xl border border-brand-100 bg-brand-50 p-4"
          data-testid="own-standing"
        >
          <h2 id={`standing-${s.unit.id}`} className="font-semibold text-brand-900">
            {t("title", { unit: s.unit.name })}
          </h2>
          <p className="mt-1 text-lg font-bold text-slate-900" data-testid="own-rank">
            {t("rank", { rank: s.row.rank, peers: s.peers, kind: s.unit.kind, parent: s.parent.name })}
          </p>
          <p className="text-sm text-slate-700">
            {t("score")} {n(s.row.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ·{" "}
            {t("ahead", { pct: pct(s.aheadOf), kind: s.unit.kind })}
          </p>
          <ul className="mt-3 space-y-1 text-sm">
            {components.map((c) => (
              <li key={c} className="flex flex-wrap justify-between gap-x-3">
                <span className="font-medium text-slate-800">
                  {tl(`components.${c}`)}: {formatComponent(c, s.row.values, n)}
                </span>
                <span className="text-slate-700">
                  {t("component", { pct: pct(s.row.percentiles[c] / 100), kind: s.unit.kind })}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-700">{t("note", { kind: s.unit.kind })}</p>
        </section>
      ))}
    </div>
  );
}
