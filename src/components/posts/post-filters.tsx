import { getTranslations } from "next-intl/server";
import { platforms } from "@/lib/platforms";
import { targetStatuses as statuses } from "@/lib/post-lifecycle";

/** A plain GET form: filters live in the URL, so a filtered view can be shared and reloaded. */
export async function PostFilters({
  units,
  partial = false,
  values,
  extra,
}: {
  units: { id: string; name: string; level: number }[];
  /** The list is a path through a large tree (listUnitFilterOptions): say how to reach the units below. */
  partial?: boolean;
  values: { unitId?: string; platform?: string; status?: string };
  extra?: Record<string, string>;
}) {
  const [t, tp, ts] = await Promise.all([
    getTranslations("posts"),
    getTranslations("platforms"),
    getTranslations("targetStatus"),
  ]);
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm"
      method="get"
    >
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {/* max-w-full: a select is as wide as its longest option (a unit's name, indented by its level), which on
          a phone would run past the form and the screen. */}
      <label className="flex max-w-full flex-col">
        <span className="text-xs font-medium text-slate-600">{t("filterUnit")}</span>
        <select
          name="unitId"
          aria-label={t("filterUnit")}
          defaultValue={values.unitId ?? ""}
          aria-describedby={partial ? "unit-filter-partial" : undefined}
          className="max-w-full rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="">{t("allUnits")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u2003".repeat(u.level)}
              {u.name}
            </option>
          ))}
        </select>
        {partial && (
          <span id="unit-filter-partial" className="mt-1 max-w-xs text-xs text-slate-600">
            {t("unitFilterPartial")}
          </span>
        )}
      </label>
      <label className="flex flex-col">
        <span className="text-xs font-medium text-slate-600">{t("filterPlatform")}</span>
        <select
          name="platform"
          aria-label={t("filterPlatform")}
          defaultValue={values.platform ?? ""}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="">{t("allPlatforms")}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-xs font-medium text-slate-600">{t("filterStatus")}</span>
        <select
          name="status"
          aria-label={t("filterStatus")}
          defaultValue={values.status ?? ""}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        >
          <option value="">{t("allStatuses")}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white">
        {t("applyFilters")}
      </button>
    </form>
  );
}
