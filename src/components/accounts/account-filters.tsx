import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { indent } from "@/components/ui/field";
import { platforms } from "@/lib/platforms";
import { accountStatuses } from "@/schemas/accounts";
import type { UnitOption } from "@/server/units/list-unit-options";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** A plain GET form: filters live in the URL, so a filtered registry can be bookmarked and shared. */
export async function AccountFilters({ units, values }: { units: UnitOption[]; values: { unitId?: string; platform?: string; status?: string; q?: string } }) {
  const [t, tc, tp, ts] = await Promise.all([getTranslations("accounts"), getTranslations("common"), getTranslations("platforms"), getTranslations("accountStatus")]);
  return (
    <form method="get" action="/accounts" role="search" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(9rem,1fr)_minmax(9rem,1fr)_minmax(0,2fr)_auto]">
      <div className="text-sm"><label htmlFor="filter-unit" className="font-medium text-slate-700">{t("filterUnit")}</label>
        <select id="filter-unit" name="unit" defaultValue={values.unitId ?? ""} className={control}>
          <option value="">{t("allUnits")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{indent(u.level, u.name)}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-platform" className="font-medium text-slate-700">{t("filterPlatform")}</label>
        <select id="filter-platform" name="platform" defaultValue={values.platform ?? ""} className={control}>
          <option value="">{t("allPlatforms")}</option>
          {platforms.map((p) => <option key={p} value={p}>{tp(p)}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-status" className="font-medium text-slate-700">{t("filterStatus")}</label>
        <select id="filter-status" name="status" defaultValue={values.status ?? ""} className={control}>
          <option value="">{t("allStatuses")}</option>
          {accountStatuses.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-q" className="font-medium text-slate-700">{t("searchLabel")}</label>
        <input id="filter-q" type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={100} className={control} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass()}>{t("apply")}</button>
        <Link href="/accounts" className={buttonClass("ghost")}>{tc("reset")}</Link>
      </div>
    </form>
  );
}
