import { getTranslations } from "next-intl/server";
import { AccountForm } from "@/components/accounts/account-form";
import { indent } from "@/components/ui/field";
import { Card, Notice, PageHeader } from "@/components/ui/page-header";
import { requireActorPage } from "@/server/auth/guards";
import { listUnitOptions } from "@/server/units/list-unit-options";

export async function generateMetadata() {
  return { title: (await getTranslations("accounts"))("newTitle") };
}

export default async function NewAccountPage({ searchParams }: { searchParams: Promise<{ unit?: string }> }) {
  const actor = await requireActorPage();
  const [t, units, { unit }] = await Promise.all([
    getTranslations("accounts"),
    listUnitOptions(actor, "account.create"),
    searchParams,
  ]);
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      {units.length === 0 ? (
        <Notice tone="error">{t("noUnits")}</Notice>
      ) : (
        <Card className="max-w-3xl">
          <div className="mb-4">
            <Notice>{t("officialOnly")}</Notice>
          </div>
          <AccountForm
            units={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
            defaultUnitId={units.some((u) => u.id === unit) ? unit : undefined}
          />
        </Card>
      )}
    </div>
  );
}
