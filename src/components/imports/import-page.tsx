import { getTranslations } from "next-intl/server";
import { ImportPanel } from "@/components/imports/import-panel";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { columnsOf, requiredColumns, type ImportKind } from "@/schemas/imports";

/** The import screen of one kind: template and export downloads, what each column means, then the upload. */
export async function ImportPage({ kind }: { kind: ImportKind }) {
  const t = await getTranslations("imports");
  const title = kind === "units" ? t("unitsTitle") : t("accountsTitle");
  const base = `/api/imports/${kind}`;
  const columns = columnsOf[kind];
  return (
    <div className="space-y-4">
      <PageHeader title={title} subtitle={kind === "units" ? t("unitsSubtitle") : t("accountsSubtitle")} />
      <Card>
        <section aria-labelledby="import-template" className="space-y-3">
          <h2 id="import-template" className="text-base font-semibold">
            {t("stepTemplate")}
          </h2>
          <div className="flex flex-wrap gap-2">
            <a href={`${base}/template?format=xlsx`} className={buttonClass("secondary", "sm")} download>
              {t("templateXlsx")}
            </a>
            <a href={`${base}/template?format=csv`} className={buttonClass("secondary", "sm")} download>
              {t("templateCsv")}
            </a>
            <a href={`${base}/export?format=xlsx`} className={buttonClass("secondary", "sm")} download>
              {t("exportXlsx")}
            </a>
            <a href={`${base}/export?format=csv`} className={buttonClass("secondary", "sm")} download>
              {t("exportCsv")}
            </a>
          </div>
          <p className="text-xs text-slate-600">{t("exportHint")}</p>
          <h3 className="text-sm font-semibold">{t("columns")}</h3>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {columns.map((c) => (
              <div key={c} className="contents">
                <dt className="font-mono">
                  {c}
                  {requiredColumns[kind].includes(c) && <span className="text-slate-600"> ({t("required")})</span>}
                </dt>
                <dd className="text-slate-600">{t(`col.${c}`)}</dd>
              </div>
            ))}
          </dl>
          {kind === "accounts" && <Notice>{t("awaitingNote")}</Notice>}
        </section>
      </Card>
      <Card>
        <ImportPanel kind={kind} columns={columns} />
      </Card>
    </div>
  );
}
