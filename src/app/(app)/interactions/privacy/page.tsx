import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CitizenExportForm } from "@/components/interactions/privacy-forms";
import { DataTable } from "@/components/ui/data-table";
import { Card, PageHeader } from "@/components/ui/page-header";
import { platforms } from "@/lib/platforms";
import { readsThePublic } from "@/lib/interactions";
import { formatInZone } from "@/lib/time";
import { indent } from "@/components/ui/field";
import { actorCanAnywhere, requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";
import { subtreeViews } from "@/server/interactions/view-log";
import { exportCitizenAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("interactions"))("privacyTitle") };
}

/**
 * Citizens' personal data (issue 16 item 7, decision 0011): ADMIN and SUPERADMIN of a subtree export one
 * citizen's items on request and see who opened complaints and information reports.
 */
export default async function PrivacyPage() {
  const actor = await requireActorPage();
  if (!actorCanAnywhere(actor, "interaction.privacy")) notFound();
  const [t, tp, locale, units, views] = await Promise.all([
    getTranslations("interactions"),
    getTranslations("platforms"),
    getLocale(),
    listUnitOptions(actor, "interaction.privacy"),
    subtreeViews(actor),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("privacyTitle")}
        subtitle={t("privacySubtitle")}
        actions={
          actorCanAnywhere(actor, "interaction.read") ? (
            <Link href="/interactions" className="text-sm text-brand-700 underline">
              {t("backToInbox")}
            </Link>
          ) : undefined
        }
      />
      <Card title={t("exportTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("exportIntro")}</p>
        <CitizenExportForm
          action={exportCitizenAction}
          units={units.map((u) => ({ value: u.id, label: indent(u.level, u.name) }))}
          platforms={platforms.filter((p) => readsThePublic[p]).map((p) => ({ value: p, label: tp(p) }))}
        />
      </Card>
      <Card title={t("accessLogTitle")}>
        <DataTable
          label={t("accessLogTitle")}
          caption={t("accessLogCaption")}
          rows={views}
          bare
          dense
          testId="access-log"
          rowKey={(v) => v.id}
          empty={t("accessLogNone")}
          columns={[
            {
              key: "when",
              header: t("accessWhen"),
              className: "whitespace-nowrap",
              cell: (v) => (
                <time dateTime={v.viewedAt.toISOString()}>{formatInZone(v.viewedAt, v.timeZone, locale)}</time>
              ),
            },
            { key: "who", header: t("accessWho"), cell: (v) => `${v.user.name} (${v.user.email})` },
            {
              key: "item",
              header: t("accessItem"),
              cell: (v) => (
                <>
                  {v.category ? t(`categories.${v.category}`) : ""} · {v.unitName}
                  {v.canOpen && (
                    <>
                      {" "}
                      ·{" "}
                      <Link href={`/interactions/${v.interactionId}`} className="text-brand-700 underline">
                        {t("openItem")}
                      </Link>
                    </>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
