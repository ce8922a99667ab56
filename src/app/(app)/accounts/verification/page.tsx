import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { VerificationQueue } from "@/components/accounts/verification-queue";
import { FilterActions, FilterSelect } from "@/components/ui/filter-form";
import { indent } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listVerificationQueue } from "@/server/accounts/list-verification-queue";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata() {
  return { title: (await getTranslations("verification"))("title") };
}

export default async function VerificationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActorPage();
  const [t, ta, tc, tp] = await Promise.all([
    getTranslations("verification"),
    getTranslations("accounts"),
    getTranslations("common"),
    getTranslations("platforms"),
  ]);
  // Only HQ's supervisors verify: 404 for anyone else, not 200 with a notice (decision 0009).
  if (!actorCanAnywhere(actor, "account.verify")) notFound();
  const sp = await searchParams;
  const query = { unitId: one(sp.unit), page: one(sp.page) };
  const [result, units] = await Promise.all([
    listVerificationQueue(actor, query),
    listUnitOptions(actor, "account.verify"),
  ]);
  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <form method="get" action="/accounts/verification" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterSelect
          id="queue-unit"
          name="unit"
          label={ta("filterUnit")}
          value={query.unitId}
          allLabel={ta("allUnits")}
          options={units.map((u) => ({ value: u.id, label: indent(u.level, u.name) }))}
        />
        <FilterActions applyLabel={ta("apply")} resetLabel={tc("reset")} resetHref="/accounts/verification" />
      </form>
      <p className="mb-2 text-sm text-slate-600" data-testid="queue-total">
        {t("total", { count: result.total })}
      </p>
      {/* Rendered even when the queue is empty, so the outcome of the last verification stays on screen. */}
      <VerificationQueue
        emptyMessage={t("empty")}
        rows={result.items.map((r) => ({
          id: r.id,
          platformLabel: tp(r.platform),
          handle: r.handle,
          displayName: r.displayName,
          profileUrl: r.profileUrl,
          unitName: r.unit.name,
          unitCode: r.unit.code,
          registeredBy: r.registeredBy,
          mine: r.mine,
        }))}
      />
      <Pagination
        path="/accounts/verification"
        params={{ unit: query.unitId }}
        page={result.page}
        pages={result.pages}
      />
    </div>
  );
}
