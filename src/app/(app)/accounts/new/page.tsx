import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
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
  // No unit to add an account to means no right to add one: 404, not 200 with a notice (decision 0009).
  if (units.length === 0) notFound();
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <Card className="max-w-3xl">
        <div className="mb-4">
          <Notice>{t("officialOnly")}</Notice>
        </div>
        <AccountForm
          units={units.map((u) => ({ value: u.id, label: indent(u.level, `${u.name} (${u.code})`) }))}
          defaultUnitId={units.some((u) => u.id === unit) ? unit : undefined}
        />
      </Card>
    </div>
  );
}
