import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WeightsForm } from "@/components/leaderboard/weights-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { components } from "@/lib/activity-index";
import { getWeights, listWeightChanges } from "@/server/leaderboard/weights";
import { saveWeights } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("leaderboard"))("weightsPageTitle") };
}

export default async function WeightsPage() {
  const actor = await requireActorPage();
  // Only SUPERADMIN sets the weights; the action checks again on the server.
  if (!actorCanAnywhere(actor, "weights.manage")) notFound();
  const [t, format, current, changes] = await Promise.all([
    getTranslations("leaderboard"),
    getFormatter(),
    getWeights(),
    listWeightChanges(),
  ]);
  return (
    <div className="max-w-4xl">
      <Link href="/leaderboard" className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <PageHeader title={t("weightsPageTitle")} subtitle={t("weightsPageSubtitle")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <WeightsForm action={saveWeights} initial={current.weights} />
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
