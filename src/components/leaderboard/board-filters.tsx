import { getTranslations } from "next-intl/server";
import { Fold } from "@/components/ui/fold";
import { platforms } from "@/lib/platforms";
import { periodKinds, type BoardQuery } from "@/schemas/leaderboard";

/**
 * Period and platform as a plain GET form: the board is a page anyone can bookmark or send, and it works
 * before any script has loaded. Invalid values come back with the field's message.
 */
export async function BoardFilters({
  path,
  query,
  keep,
  errors,
  withPlatform = true,
  units,
}: {
  path: string;
  query: BoardQuery;
  keep: Record<string, string | undefined>;
  errors: Record<string, string>;
  withPlatform?: boolean;
  /** A choice of subtree (the dashboard); its value travels as ?parent=. */
  units?: { options: { id: string; name: string; depth: number }[]; selected: string; label: string };
}) {
  const [t, tp] = await Promise.all([getTranslations("leaderboard"), getTranslations("platforms")]);
  const control =
    "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";
  const err = (f: string) =>
    errors[f] && (
      <p id={`${f}-error`} className="mt-1 text-xs font-medium text-red-700">
        {errors[f]}
      </p>
    );
  const summary = [
    t(`periods.${query.period}`),
    ...(withPlatform ? [query.platform ? tp(query.platform) : t("allPlatforms")] : []),
  ].join(" · ");
  return (
    <Fold
      summary={`${t("filters")}: ${summary}`}
      open={Object.keys(errors).length > 0 || undefined}
      className="mb-5 rounded-xl border border-slate-200 bg-white p-3 shadow-sm md:p-4"
    >
      <form method="get" action={path} className="mt-3 flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        {Object.entries(keep).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
        {units && (
          <label className="text-sm font-medium text-slate-700">
            {units.label}
            <select
              name="parent"
              defaultValue={units.selected}
              className={`${control} max-w-full sm:max-w-xs`}
              data-testid="unit-select"
            >
              {units.options.map((u) => (
                <option key={u.id} value={u.id}>{`${"\u00a0\u00a0".repeat(u.depth)}${u.name}`}</option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm font-medium text-slate-700">
          {t("period")}
          <select name="period" defaultValue={query.period} className={control} data-testid="period">
            {periodKinds.map((k) => (
              <option key={k} value={k}>
                {t(`periods.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          {t("from")}
          <input
            type="date"
            name="from"
            defaultValue={query.from}
            className={control}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={errors.from ? "from-error" : undefined}
          />
          {err("from")}
        </label>
        <label className="text-sm font-medium text-slate-700">
          {t("to")}
          <input
            type="date"
            name="to"
            defaultValue={query.to}
            className={control}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? "to-error" : undefined}
          />
          {err("to")}
        </label>
        {withPlatform && (
          <label className="text-sm font-medium text-slate-700">
            {t("platform")}
            <select name="platform" defaultValue={query.platform ?? ""} className={control} data-testid="platform">
              <option value="">{t("allPlatforms")}</option>
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {tp(p)}
                </option>
              ))}
            </select>
            {err("platform")}
          </label>
        )}
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t("apply")}
        </button>
        <p className="basis-full text-xs text-slate-600">{t("customHint")}</p>
      </form>
    </Fold>
  );
}
