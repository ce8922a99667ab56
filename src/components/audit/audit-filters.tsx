import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { indent } from "@/components/ui/field";
import { auditEntityTypes } from "@/schemas/audit";
import type { UnitOption } from "@/server/units/list-unit-options";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export async function AuditFilters({ units, actors, values }: {
  units: UnitOption[];
  actors: { id: string; name: string }[];
  values: { unitId?: string; actorId?: string; entityType?: string; entityId?: string };
}) {
  const [t, tc] = await Promise.all([getTranslations("audit"), getTranslations("common")]);
  return (
    <form method="get" action="/audit" role="search" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_minmax(9rem,1fr)_minmax(0,1.5fr)_auto]">
      <div className="text-sm"><label htmlFor="filter-unit" className="font-medium text-slate-700">{t("filterUnit")}</label>
        <select id="filter-unit" name="unit" defaultValue={values.unitId ?? ""} className={control}>
          <option value="">{t("allUnits")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{indent(u.level, u.name)}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-actor" className="font-medium text-slate-700">{t("filterActor")}</label>
        <select id="filter-actor" name="actor" defaultValue={values.actorId ?? ""} className={control}>
          <option value="">{t("allActors")}</option>
          {actors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-entity" className="font-medium text-slate-700">{t("filterEntity")}</label>
        <select id="filter-entity" name="entity" defaultValue={values.entityType ?? ""} className={control}>
          <option value="">{t("allEntities")}</option>
          {auditEntityTypes.map((e) => <option key={e} value={e}>{t(`entity.${e}`)}</option>)}
        </select>
      </div>
      <div className="text-sm"><label htmlFor="filter-entityId" className="font-medium text-slate-700">{t("filterEntityId")}</label>
        <input id="filter-entityId" name="entityId" defaultValue={values.entityId ?? ""} maxLength={64} className={`${control} font-mono`} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass()}>{t("apply")}</button>
        <Link href="/audit" className={buttonClass("ghost")}>{tc("reset")}</Link>
      </div>
    </form>
  );
}
