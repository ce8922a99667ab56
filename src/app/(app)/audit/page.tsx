import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Notice, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { runAction } from "@/server/action-result";
import { listAudit } from "@/server/audit/list-audit";
import { requireActorPage } from "@/server/auth/guards";
import { listUnitFilterOptions } from "@/server/units/list-unit-options";
import { zoneLabel } from "@/lib/time";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  const sp = await searchParams;
  const query = {
    unitId: one(sp.unit),
    actorId: one(sp.actor),
    entityType: one(sp.entity),
    entityId: one(sp.entityId),
    page: one(sp.page),
  };
  const t = await getTranslations("audit");
  const result = await runAction(() => listAudit(actor, query));
  // A unit outside the person's tree: 404 (decision 0009); a bad filter keeps its message.
  if (!result.ok && (result.code === "FORBIDDEN" || result.code === "NOT_FOUND")) notFound();
  if (!result.ok) return <Notice tone="error">{result.message}</Notice>;
  const { units, partial } = await listUnitFilterOptions(actor, "audit.read", query.unitId);
  const { items, names, timeZone, total, more, page, pages, actors, actorsPartial } = result.data;
  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <AuditFilters units={units} actors={actors} values={query} partial={{ units: partial, actors: actorsPartial }} />
      <p className="mb-2 text-sm text-slate-600">
        {t(more ? "totalOver" : "total", { count: total })} · {t("timesIn", { zone: zoneLabel(timeZone) })}
      </p>
      <AuditTable items={items} names={names} timeZone={timeZone} />
      <Pagination
        path="/audit"
        params={{ unit: query.unitId, actor: query.actorId, entity: query.entityType, entityId: query.entityId }}
        page={page}
        pages={pages}
      />
    </div>
  );
}
