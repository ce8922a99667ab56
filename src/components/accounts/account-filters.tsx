import { getTranslations } from "next-intl/server";
import { indent } from "@/components/ui/field";
import { FilterActions, FilterField, FilterSelect, filterControl } from "@/components/ui/filter-form";
import { platforms } from "@/lib/platforms";
import { accountStatuses } from "@/schemas/accounts";
import { verificationStates } from "@/schemas/verification";
import type { UnitOption } from "@/server/units/list-unit-options";

/** A plain GET form: filters live in the URL, so a filtered registry can be bookmarked and shared. */
export async function AccountFilters({
  units,
  values,
}: {
  units: UnitOption[];
  values: { unitId?: string; platform?: string; status?: string; verification?: string; q?: string };
}) {
  const [t, tc, tp, ts, tv] = await Promise.all([
    getTranslations("accounts"),
    getTranslations("common"),
    getTranslations("platforms"),
    getTranslations("accountStatus"),
    getTranslations("verification"),
  ]);
  return (
    <form
      method="get"
      action="/accounts"
      role="search"
      className="mb-4 grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(9rem,1fr)_minmax(9rem,1fr)_minmax(9rem,1fr)_minmax(0,2fr)_auto]"
    >
      <FilterSelect
        id="filter-unit"
        name="unit"
        label={t("filterUnit")}
        value={values.unitId}
        allLabel={t("allUnits")}
        options={units.map((u) => ({ value: u.id, label: indent(u.level, u.name) }))}
      />
      <FilterSelect
        id="filter-platform"
        name="platform"
        label={t("filterPlatform")}
        value={values.platform}
        allLabel={t("allPlatforms")}
        options={platforms.map((p) => ({ value: p, label: tp(p) }))}
      />
      <FilterSelect
        id="filter-status"
        name="status"
        label={t("filterStatus")}
        value={values.status}
        allLabel={t("allStatuses")}
        options={accountStatuses.map((s) => ({ value: s, label: ts(s) }))}
      />
      <FilterSelect
        id="filter-verification"
        name="verification"
        label={tv("filter")}
        value={values.verification}
        allLabel={tv("allStates")}
        options={verificationStates.map((s) => ({ value: s, label: tv(s) }))}
      />
      <FilterField id="filter-q" label={t("searchLabel")}>
        <input
          id="filter-q"
          type="search"
          name="q"
          defaultValue={values.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={100}
          className={filterControl}
        />
      </FilterField>
      <FilterActions applyLabel={t("apply")} resetLabel={tc("reset")} resetHref="/accounts" />
    </form>
  );
}
