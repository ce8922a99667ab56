import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WeightsForm } from "@/components/leaderboard/weights-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireActorPage } from "@/server/auth/guards";
import { components } from "@/lib/activity-index";
import { getWeights, listWeightChanges, managedWeightRoots } from "@/server/leaderboard/weights";
import { saveWeights } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("leaderboard"))("weightsPageTitle") };
}

export default async function WeightsPage({ searchParams }: { searchParams: Promise<{ root?: string | string[] }> }) {
  const actor = await requireActorPage();
  // Each organisation (root unit) has its own weights, set only by a SUPERADMIN over that root; the action
  // checks again on the server. Another organisation's root, or none managed, reads as no such page.
  const roots = await managedWeightRoots(actor);
  const { root: wanted } = await searchParams;
  const root = wanted === undefined ? roots[0] : roots.find((r) => r.id === wanted);
  if (!root) notFound();
  const [t, format, current, changes] = await Promise.all([
    getTranslations("leaderboard"),
    getFormatter(),
    getWeights(root),
    listWeightChanges(root.id),
  ]);
  return (
    <div className="max-w-4xl">
      <Link href="/leaderboard" className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <PageHeader title={t("weightsPageTitle")} subtitle={t("weightsPageSubtitle", { name: root.name })} />
      {roots.length > 1 && (
        <nav aria-label={t("weightsRoots")} className="mb-4 flex flex-wrap gap-2 text-sm">
          {roots.map((r) => (
            <Link
              key={r.id}
              href={`/leaderboard/weights?root=${r.id}`}
              aria-current={r.id === root.id ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${r.id === root.id ? "border-brand-700 bg-brand-900 font-semibold text-white" : "border-slate-300 hover:bg-slate-50"}`}
            >
              {r.name}
            </Link>
          ))}
        </nav>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <WeightsForm key={root.id} action={saveWeights} rootUnitId={root.id} initial={current.weights} />
        </Card>
        <Card title={t("weightsHistory")}>
          {changes.length === 0 ? (
            <p className="text-sm text-slate-600">{t("weightsDefault")}</p>
          ) : (
            <ol className="space-y-3 text-sm" data-testid="weights-history">
              {changes.map((c) => (
                <li key={String(c.id)} className="border-b border-slate-100 pb-2 last:border-0">
                  <p className="font-medium">
                    {format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" })} · {c.createdBy.name}
                  </p>
                  <p className="text-xs text-slate-600">
                    {components.map((k) => `${t(`components.${k}`)} ${c[k]}`).join(" · ")}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </div>
  );
}
