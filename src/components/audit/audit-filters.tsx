import { getTranslations } from "next-intl/server";
import { indent } from "@/components/ui/field";
import { FilterActions, FilterField, FilterSelect, filterControl } from "@/components/ui/filter-form";
import { auditEntityTypes } from "@/schemas/audit";
import type { UnitOption } from "@/server/units/list-unit-options";

export async function AuditFilters({
  units,
  actors,
  values,
  partial,
}: {
  units: UnitOption[];
  actors: { id: string; name: string }[];
  /** Which lists are shortened for a large tree (listUnitFilterOptions, listAudit). */
  partial: { units: boolean; actors: boolean };
  values: { unitId?: string; actorId?: string; entityType?: string; entityId?: string };
}) {
  const [t, tc] = await Promise.all([getTranslations("audit"), getTranslations("common")]);
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      className="mb-4 grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_minmax(9rem,1fr)_minmax(0,1.5fr)_auto]"
    >
      <FilterSelect
        id="filter-unit"
        name="unit"
        label={t("filterUnit")}
        value={values.unitId}
        allLabel={t("allUnits")}
        options={units.map((u) => ({ value: u.id, label: indent(u.level, u.name) }))}
        hint={partial.units ? t("unitFilterPartial") : undefined}
      />
      <FilterSelect
        id="filter-actor"
        name="actor"
        label={t("filterActor")}
        value={values.actorId}
        allLabel={t("allActors")}
        options={actors.map((a) => ({ value: a.id, label: a.name }))}
        hint={partial.actors ? t("actorFilterPartial") : undefined}
      />
      <FilterSelect
        id="filter-entity"
        name="entity"
        label={t("filterEntity")}
        value={values.entityType}
        allLabel={t("allEntities")}
        options={auditEntityTypes.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
      />
      <FilterField id="filter-entityId" label={t("filterEntityId")}>
        <input
          id="filter-entityId"
          name="entityId"
          defaultValue={values.entityId ?? ""}
          maxLength={64}
          className={`${filterControl} font-mono`}
        />
      </FilterField>
      <FilterActions applyLabel={t("apply")} resetLabel={tc("reset")} resetHref="/audit" />
    </form>
  );
}
