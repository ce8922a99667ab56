import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { components } from "@/lib/activity-index";
import type { CurrentWeights } from "@/server/leaderboard/weights";

/** The weights in force beside the table, with what each component measures: the index explains itself. */
export async function WeightsPanel({ weights, canEdit }: { weights: CurrentWeights; canEdit: boolean }) {
  const [t, format] = await Promise.all([getTranslations("leaderboard"), getFormatter()]);
  const total = components.reduce((s, c) => s + weights.weights[c], 0) || 1;
  return (
    <aside
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-labelledby="weights-title"
      data-testid="weights-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="weights-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {t("weightsTitle")}
        </h2>
        <p className="text-xs text-slate-600">
          {weights.isDefault
            ? t("weightsDefault")
            : t("weightsChanged", {
                date: format.dateTime(weights.changedAt!, { dateStyle: "medium" }),
                name: weights.changedBy ?? "",
              })}
          {canEdit && (
            <Link
              href={`/leaderboard/weights?root=${weights.rootUnitId}`}
              className="ml-2 font-semibold text-brand-700 hover:underline"
            >
              {t("editWeights")}
            </Link>
          )}
        </p>
      </div>
      <ul className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {components.map((c) => (
          <li key={c}>
            <div className="flex items-baseline justify-between text-sm">
              <span className="font-medium text-slate-900">{t(`components.${c}`)}</span>
              <span className="font-bold tabular-nums text-brand-700" data-testid={`weight-${c}`}>
                {format.number(weights.weights[c] / total, { style: "percent" })}
              </span>
            </div>
            <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
              <div className="h-full bg-brand-600" style={{ width: `${(weights.weights[c] / total) * 100}%` }} />
            </div>
            <p className="mt-1 text-xs text-slate-600">{t(`componentHelp.${c}`)}</p>
          </li>
        ))}
      </ul>
      <p className="mt-3 border-t border-slate-100 pt-3 text-xs leading-relaxed text-slate-600">{t("howScored")}</p>
    </aside>
  );
}
