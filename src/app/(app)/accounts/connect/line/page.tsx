import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LineConnectForm } from "@/components/accounts/line-connect-form";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export async function generateMetadata() {
  return { title: (await getTranslations("connect"))("lineTitle") };
}

/** LINE has no consent page for bots: the channel's token, pasted or issued, checked with LINE first. */
export default async function ConnectLinePage({ searchParams }: { searchParams: Promise<{ unit?: unknown }> }) {
  const actor = await requireActorPage();
  // Without the right to connect accounts: 404, as every page refused for lack of rights (decision 0009).
  if (!actorCanAnywhere(actor, "account.link")) notFound();
  const [t, units, { unit }] = await Promise.all([
    getTranslations("connect"),
    listUnitOptions(actor, "account.link"),
    searchParams,
  ]);
  const chosen = units.find((u) => u.id === unit) ?? units[0];
  if (!chosen)
    return (
      <div>
        <PageHeader title={t("lineTitle")} />
        <Notice tone="error">{t("noUnits")}</Notice>
      </div>
    );
  return (
    <div>
      <PageHeader title={t("lineTitle")} subtitle={t("lineSubtitle", { unit: chosen.name })} />
      <div className="grid max-w-3xl gap-4">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("lineTokenTitle")}</h2>
          <LineConnectForm unitId={chosen.id} mode="token" />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("lineIssueTitle")}</h2>
          <LineConnectForm unitId={chosen.id} mode="issue" />
        </Card>
        <p className="text-sm">
          <Link href={`/accounts/connect?unit=${chosen.id}`} className="text-brand-700 underline">
            {t("lineBack")}
          </Link>
        </p>
      </div>
    </div>
  );
}
